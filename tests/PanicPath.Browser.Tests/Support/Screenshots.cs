using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using PanicPath.TestSupport;

namespace PanicPath.Browser.Tests.Support;

/// <summary>
/// The screenshots the browser tests take, kept after the run in <c>artifacts/screenshots/NAME.png</c> under
/// the repository's root (<see cref="Folder"/>; <c>.ci/run</c> names it). A screenshot is the whole page,
/// <see cref="BrowserSession.Width"/> pixels wide and at most <see cref="MaxHeight"/> high, taken with the DevTools
/// protocol's <c>Page.captureScreenshot</c> beyond the viewport; when that is refused, the window as shown.
/// </summary>
internal static class Screenshots
{
    /// <summary>The tallest screenshot taken, in pixels.</summary>
    public const int MaxHeight = 3000;

    /// <summary><c>artifacts/screenshots</c> at the repository's root.</summary>
    public static string Folder => Path.Combine(ExampleScenarios.Repository, "artifacts", "screenshots");

    /// <summary>Saves the page now shown as <c>NAME.png</c> in <paramref name="folder"/> (default <see cref="Folder"/>); answers its path.</summary>
    public static string Save(ChromeDriver driver, string name, string? folder = null)
    {
        folder ??= Folder;
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".png");
        var height = Convert.ToInt32(driver.ExecuteScript("return Math.ceil(document.documentElement.scrollHeight)"), CultureInfo.InvariantCulture);
        var width = Convert.ToInt32(driver.ExecuteScript("return document.documentElement.clientWidth"), CultureInfo.InvariantCulture);
        var clip = new Dictionary<string, object?>
        {
            ["x"] = 0,
            ["y"] = 0,
            ["width"] = Math.Min(width, BrowserSession.Width),
            ["height"] = Math.Clamp(height, 1, MaxHeight),
            ["scale"] = 1,
        };
        var answer = driver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = clip,
        });
        if (answer is IDictionary<string, object?> fields && fields.TryGetValue("data", out var data) && data is string base64)
        {
            File.WriteAllBytes(file, Convert.FromBase64String(base64));
        }
        else
        {
            ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(file);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {file}");
        return file;
    }
}
