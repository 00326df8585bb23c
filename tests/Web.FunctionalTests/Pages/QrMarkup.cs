using System.Globalization;
using System.Text.RegularExpressions;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>
/// Reads the creator's page QR code back: the inline SVG's modules are drawn into a grey bitmap and decoded by ZXing
/// (an encoder of its own, independent of QRCoder), so a test sees the text a phone's camera would.
/// </summary>
public static partial class QrMarkup
{
    private const int PixelsPerModule = 4;

    /// <summary>The one QR code on the page.</summary>
    public static string Find(string html)
    {
        var found = SvgPattern().Matches(html);
        Assert.That(found, Has.Count.EqualTo(1), "one QR code on the page");
        return found[0].Value;
    }

    public static string? Decode(string svg)
    {
        var viewBox = ViewBoxPattern().Match(svg);
        Assert.That(viewBox.Success, Is.True, $"a square viewBox: {svg[..Math.Min(svg.Length, 200)]}");
        var size = int.Parse(viewBox.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.That(viewBox.Groups[2].Value, Is.EqualTo(viewBox.Groups[1].Value), "square");

        var width = size * PixelsPerModule;
        var pixels = new byte[width * width];
        Array.Fill(pixels, (byte)255);
        foreach (Match module in ModulePattern().Matches(svg))
        {
            var x = int.Parse(module.Groups[1].Value, CultureInfo.InvariantCulture);
            var y = int.Parse(module.Groups[2].Value, CultureInfo.InvariantCulture);
            for (var dy = 0; dy < PixelsPerModule; dy++)
            {
                Array.Fill(pixels, (byte)0, ((y * PixelsPerModule) + dy) * width + (x * PixelsPerModule), PixelsPerModule);
            }
        }

        var source = new RGBLuminanceSource(pixels, width, width, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(
            new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true });
        return result?.Text;
    }

    [GeneratedRegex("<svg[^>]*class=\"qr-code\"[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();

    [GeneratedRegex("viewBox=\"0 0 (\\d+) (\\d+)\"")]
    private static partial Regex ViewBoxPattern();

    [GeneratedRegex("M(\\d+) (\\d+)h1v1h-1z")]
    private static partial Regex ModulePattern();
}
