using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Browser.Tests.Support;

/// <summary>
/// One headless Debian chromium per test class (an xunit class fixture), driven through Debian's
/// chromedriver given explicitly (<see cref="Chromium"/>, <see cref="ChromeDriver"/>), so Selenium never
/// looks for or downloads a browser or a driver. Started at the first <see cref="Load"/> of a test, not
/// before: without the two binaries that test skips with the reason (outside CI) or fails (<c>CI=true</c>),
/// through <see cref="Requirement"/>. Its profile is a fresh empty directory, deleted when the browser quits.
/// Every page a test loads is loaded fresh (<see cref="Load"/>) and answered with what went wrong while it
/// loaded: console messages of level SEVERE, requests that failed or were answered with an error status,
/// and requests that left the page's own origin.
/// </summary>
public sealed class BrowserSession : IDisposable
{
    /// <summary>Debian's chromium (package <c>chromium</c>).</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Debian's chromedriver (package <c>chromium-driver</c>), in <see cref="DriverDirectory"/>.</summary>
    public const string ChromeDriver = "/usr/bin/chromedriver";

    private const string DriverDirectory = "/usr/bin";

    /// <summary>The browser's window: the width the screenshots have.</summary>
    public const int Width = 1280;

    private const int Height = 900;

    private readonly Lock gate = new();
    private ChromeDriver? driver;
    private string? profile;

    /// <summary>The running browser; started on first use.</summary>
    public ChromeDriver Driver
    {
        get
        {
            lock (gate)
            {
                return driver ??= Start();
            }
        }
    }

    /// <summary>
    /// Loads <paramref name="url"/> in the browser (a fresh load: what earlier pages logged is dropped
    /// first) and answers what went wrong while it loaded; every console message is written to the test's output.
    /// </summary>
    public LoadedPage Load(string url)
    {
        var browser = Driver;
        _ = PageLog.Read(browser);
        browser.Navigate().GoToUrl(url);
        Wait.Until(() => Equals(browser.ExecuteScript("return document.readyState"), "complete"), $"{url} to finish loading");
        var log = PageLog.Read(browser);
        var output = TestContext.Current.TestOutputHelper;
        foreach (var line in log.Console)
        {
            output?.WriteLine($"console: {line}");
        }

        return new LoadedPage(url, log.Problems(new Uri(browser.Url)));
    }

    /// <summary>
    /// Writes the page now shown to <c>artifacts/screenshots/NAME.png</c> at the repository's root (or to
    /// <paramref name="folder"/>), the whole page (up to 3000 pixels high) through the DevTools protocol, else
    /// the window; answers the file.
    /// </summary>
    public string Screenshot(string name, string? folder = null) => Screenshots.Save(Driver, name, folder);

    public void Dispose()
    {
        lock (gate)
        {
            try
            {
                driver?.Quit();
            }
            finally
            {
                driver?.Dispose();
                driver = null;
                DeleteProfile();
            }
        }
    }

    /// <summary>
    /// Deletes the profile directory; a browser process still closing may write into it for a moment, so a
    /// failed attempt is retried for a few seconds, and what still cannot go is left to the temporary folder.
    /// </summary>
    private void DeleteProfile()
    {
        for (var attempt = 1; profile is not null && Directory.Exists(profile); attempt++)
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
            catch (IOException)
            {
                return;
            }
        }
    }

    private ChromeDriver Start()
    {
        foreach (var binary in new[] { Chromium, ChromeDriver })
        {
            if (!File.Exists(binary))
            {
                Requirement.Unmet($"needs Debian's chromium and chromium-driver ({binary} is missing): .ci/run installs them, or apt-get install -y chromium chromium-driver");
            }
        }

        // Selenium Manager is never run when the driver and the browser are named; offline it could not
        // download either even if it were.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        profile = Directory.CreateTempSubdirectory("panicpath-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            // Screenshots as wide as the window, with no scroll bar in them.
            "--hide-scrollbars",
            $"--window-size={Width},{Height}", $"--user-data-dir={profile}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        options.SetLoggingPreference(LogType.Performance, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromMinutes(2));
    }
}
