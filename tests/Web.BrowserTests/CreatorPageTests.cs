using System.Globalization;
using Microsoft.Playwright;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace OneTimeSecret.Web.BrowserTests;

/// <summary>The creator's page beyond the core loop (issue 16's should-haves): the link's QR code, the private note, local times, notices and the unknown creator's page.</summary>
public sealed class CreatorPageTests : BrowserTestBase
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task ShouldShowAQrCodeThatAPhoneReadsAsTheExactLink(bool javaScript)
    {
        var page = await NewPersonAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript });
        var link = await ShareAsync(page, "scan me");

        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code of the secret link" });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        var box = await qr.BoundingBoxAsync();
        Assert.That(box, Is.Not.Null);
        Assert.That(box!.Width, Is.GreaterThanOrEqualTo(150), "wide enough for a camera");
        Assert.That(box.Height, Is.EqualTo(box.Width).Within(0.5), "square");

        // What Chromium drew, decoded by ZXing: the text a phone's camera would read.
        var png = await qr.ScreenshotAsync();
        Assert.That(await DecodeAsync(png), Is.EqualTo(link));
        await ScreenshotAsync(page, $"should-07-qr-code-{(javaScript ? "js" : "no-js")}");
    }

    [Test]
    public async Task ShouldShowThePrivateNoteToTheCreatorOnly_OnTheirPageAndInTheirList()
    {
        const string note = "db password for Anna";
        var creator = await NewPersonAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var recipient = await NewPersonAsync();
        await SignUpAsync(creator);
        var link = await ShareAsync(creator, "the vault code", note: note);
        var metadataKey = new Uri(creator.Url).AbsolutePath.Split('/').Last();

        await Assertions.Expect(creator.Locator("dd.note")).ToHaveTextAsync(note);
        await creator.GotoAsync("/account");
        var entry = creator.Locator("tbody tr").Filter(new() { HasText = note });
        await Assertions.Expect(entry).ToBeVisibleAsync();
        await Assertions.Expect(entry).ToContainTextAsync(metadataKey[..8]);
        await ScreenshotAsync(creator, "should-09-note-in-the-list-phone");

        await recipient.GotoAsync(link);
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#secret-value")).ToHaveValueAsync("the vault code");
        Assert.That(await recipient.ContentAsync(), Does.Not.Contain(note));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ShouldShowTimesInTheReadersTimeZone_OrSayUtcWithoutJavaScript(bool javaScript)
    {
        // India has no daylight saving time: 5 h 30 min ahead of UTC all year.
        var page = await NewPersonAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript, TimezoneId = "Asia/Kolkata", Locale = "en-GB" });
        await ShareAsync(page, "timed");

        var created = page.Locator(".facts time").Last;
        var utc = DateTimeOffset.Parse(await created.GetAttributeAsync("datetime") ?? string.Empty, CultureInfo.InvariantCulture);
        var local = utc.ToOffset(new TimeSpan(5, 30, 0));
        if (javaScript)
        {
            await Assertions.Expect(created).ToContainTextAsync(local.ToString("HH:mm", CultureInfo.InvariantCulture));
            await Assertions.Expect(created).Not.ToContainTextAsync("UTC");
            await Assertions.Expect(created).ToHaveAttributeAsync("title", utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        }
        else
        {
            await Assertions.Expect(created).ToHaveTextAsync(utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        }
    }

    [TestCase(ColorScheme.Light)]
    [TestCase(ColorScheme.Dark)]
    public async Task ShouldConfirmABurn_InASuccessNoticeThatLooksUnlikeAWarning(ColorScheme scheme)
    {
        var page = await NewPersonAsync(new BrowserNewContextOptions { ColorScheme = scheme });
        await ShareAsync(page, "to burn");
        await page.GetByRole(AriaRole.Link, new() { Name = "Burn this secret" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, burn this secret" }).ClickAsync();

        var success = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The secret was burned" });
        await Assertions.Expect(success).ToBeVisibleAsync();
        var warning = page.Locator(".notice-warning");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        var successBackground = await success.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var warningBackground = await warning.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.That(successBackground, Is.Not.EqualTo(warningBackground));
        await ScreenshotAsync(page, $"should-10-burned-notice-{scheme.ToString().ToLowerInvariant()}");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("The secret was burned")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task ShouldSpeakToTheCreator_OnTheUnknownCreatorsPage()
    {
        var page = await NewPersonAsync();

        await page.GotoAsync("/private/0123456789abcdefghijklmnopqrstu");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This secret's page is gone" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("ask its sender");
    }

    /// <summary>Decodes a PNG of a QR code: Chromium turns it into pixels (on a blank page), ZXing reads them.</summary>
    private async Task<string?> DecodeAsync(byte[] png)
    {
        var blank = await NewPersonAsync();
        var pixels = await blank.EvaluateAsync<string>(
            """
            async (dataUrl) => {
                const image = new Image();
                image.src = dataUrl;
                await image.decode();
                const canvas = document.createElement("canvas");
                canvas.width = image.naturalWidth;
                canvas.height = image.naturalHeight;
                const context = canvas.getContext("2d");
                context.drawImage(image, 0, 0);
                const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
                let binary = "";
                for (let i = 0; i < data.length; i++) binary += String.fromCharCode(data[i]);
                return canvas.width + "," + canvas.height + "," + btoa(binary);
            }
            """,
            "data:image/png;base64," + Convert.ToBase64String(png));
        var parts = pixels.Split(',');
        var (width, height) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        var source = new RGBLuminanceSource(Convert.FromBase64String(parts[2]), width, height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var result = new QRCodeReader().decode(
            new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true });
        return result?.Text;
    }
}
