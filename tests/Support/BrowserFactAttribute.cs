namespace Dino.Repro.Tests.Support;

/// <summary>
/// A fact that opens pages in headless Chromium (Debian's <c>chromium</c>, which environment/setup.sh installs). Where
/// it is absent the test is reported as skipped with the reason, never as passed.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium))
            Skip = $"Chromium is not installed at {Chromium} (environment/setup.sh installs Debian's chromium)";
    }
}
