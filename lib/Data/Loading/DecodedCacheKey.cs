using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Dino.Repro.Data.Loading;

/// <summary>
/// What decoded tensors depend on: the corpus (its name and an identity that changes when its files do) and every
/// preprocessing option (split, size, encoding, bad-sample policy...). Equal keys hash alike in every process.
/// </summary>
public sealed record DecodedCacheKey(string Corpus, string Identity, IReadOnlyDictionary<string, string> Preprocessing)
{
    /// <summary>{"corpus", "identity", "preprocessing"} with the options sorted by name (the text that is hashed).</summary>
    public JsonObject ToJson()
    {
        var options = new JsonObject();
        foreach (var (name, value) in Preprocessing.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            options[name] = value;
        return new JsonObject
        {
            ["corpus"] = Corpus,
            ["identity"] = Identity,
            ["preprocessing"] = options,
        };
    }

    /// <summary>The first 128 bits of the SHA-256 of <see cref="ToJson"/>, in hex.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson().ToJsonString())))[..32];
}
