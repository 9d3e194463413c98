using Dino.Repro.Models.Common;

namespace Dino.Repro.Tests.Models;

/// <summary>
/// pix2pix's test.py without --eval, as the kit reproduces it: checked against the same network run by hand in train
/// mode one image at a time from a seeded generator, and for leaving the network and the caller's generator as they were.
/// </summary>
public class ReferenceTestModeTests
{
    private static nn.Module<Tensor, Tensor> Network()
    {
        torch.manual_seed(3);
        var net = nn.Sequential(nn.Conv2d(3, 4, 3, padding: 1), nn.BatchNorm2d(4), nn.ReLU(), nn.Dropout(0.5));
        // Running statistics a trained network would have, far from a single image's own.
        var bn = (TorchSharp.Modules.BatchNorm2d)net.children().ElementAt(1);
        bn.running_mean!.fill_(Scalars.Of(5));
        bn.running_var!.fill_(Scalars.Of(9));
        return net;
    }

    [Fact]
    public void Each_image_runs_alone_in_train_mode_with_a_seeded_dropout_stream_and_nothing_else_changes()
    {
        using var net = Network();
        var images = torch.randn(new long[] { 3, 3, 8, 8 }, generator: new Generator(11));
        var buffersBefore = net.named_buffers().Select(b => b.buffer.clone()).ToList();
        using var callerBefore = torch.get_rng_state();

        using var mode = new ReferenceTestMode(seed: 7);
        using var actual = mode.Run(net, images, (image, _) => net.call(image));

        // By hand: the default generator seeded with 7, the network in train mode, one image per call.
        using var saved = torch.get_rng_state();
        torch.manual_seed(7);
        net.train();
        using var expected = torch.cat(Enumerable.Range(0, 3).Select(i => net.call(images.narrow(0, i, 1))).ToArray(), 0);
        torch.set_rng_state(saved);
        foreach (var ((_, buffer), before) in net.named_buffers().Zip(buffersBefore))
            buffer.copy_(before); // the hand-run moved them; put them back for the comparison below

        Assert.True(expected.allclose(actual, rtol: 0, atol: 0), "not the train-mode, one-image-at-a-time translation");
        using var eval = EvalMode.Run(() => net.call(images), net);
        Assert.False(eval.allclose(actual), "dropout and per-image statistics had no effect");
        Assert.True(actual.eq(Scalars.Of(0)).any().ToBoolean(), "dropout is off");

        // A second run continues the private stream; a fresh one with the same seed repeats it.
        using var again = mode.Run(net, images, (image, _) => net.call(image));
        Assert.False(again.allclose(actual));
        using var fresh = new ReferenceTestMode(seed: 7);
        using var repeated = fresh.Run(net, images, (image, _) => net.call(image));
        Assert.True(repeated.allclose(actual, rtol: 0, atol: 0));
        // Per-image statistics: the first image's translation does not depend on the others.
        using var alone = new ReferenceTestMode(seed: 7).Run(net, images.narrow(0, 0, 1), (image, _) => net.call(image));
        Assert.True(alone.allclose(actual.narrow(0, 0, 1), rtol: 0, atol: 0));

        // The network's running statistics and the caller's generator are as they were.
        foreach (var ((name, buffer), before) in net.named_buffers().Zip(buffersBefore))
            Assert.True(buffer.Equals(before), $"{name} changed");
        using var callerAfter = torch.get_rng_state();
        Assert.True(callerAfter.Equals(callerBefore), "the caller's generator moved");
    }

    [Fact]
    public void Its_private_stream_outlives_the_dispose_scopes_it_is_made_and_run_in()
    {
        // The translator builds it and runs it chunk by chunk, each chunk inside its own dispose scope: a state tensor
        // registered in one of those scopes would be freed with it, and the next chunk would read an empty handle.
        using var net = Network();
        var images = torch.randn(new long[] { 2, 3, 8, 8 }, generator: new Generator(11));
        ReferenceTestMode mode;
        using (torch.NewDisposeScope())
            mode = new ReferenceTestMode(seed: 7);
        using (mode)
        {
            var chunks = new List<Tensor>();
            for (int chunk = 0; chunk < 2; chunk++)
            {
                using var scope = torch.NewDisposeScope();
                chunks.Add(mode.Run(net, images.narrow(0, chunk, 1), (image, _) => net.call(image)).MoveToOuterDisposeScope());
            }
            using var inScopes = torch.cat(chunks.ToArray(), 0);
            using var whole = new ReferenceTestMode(seed: 7).Run(net, images, (image, _) => net.call(image));
            Assert.True(whole.allclose(inScopes, rtol: 0, atol: 0), "chunked runs did not continue one stream");
        }
    }
}
