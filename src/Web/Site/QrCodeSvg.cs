using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// A QR code of a link as inline SVG, made on the server (QRCoder encodes, this draws): no script, no image request,
/// nothing the strict Content-Security-Policy has to allow. The markup uses presentation attributes only (no
/// <c>style</c> attribute, which <c>style-src 'self'</c> would refuse) and keeps light modules white in dark mode too,
/// so a phone's camera reads it from any screen.
/// </summary>
public static class QrCodeSvg
{
    /// <summary>Light modules around the code, as the QR specification asks for.</summary>
    public const int QuietZone = 4;

    /// <summary>The modules of <paramref name="text"/>'s code, without the quiet zone: <c>true</c> is dark.</summary>
    public static bool[][] Modules(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Medium error correction (15%): a small code that still survives a glare or a smudged screen.
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;

        // QRCoder's matrix carries its own 4-module quiet zone; the modules of the symbol are inside it.
        var border = (matrix.Count - SymbolSize(matrix.Count)) / 2;
        var size = matrix.Count - (2 * border);
        var modules = new bool[size][];
        for (var y = 0; y < size; y++)
        {
            modules[y] = new bool[size];
            for (var x = 0; x < size; x++)
            {
                modules[y][x] = matrix[y + border][x + border];
            }
        }

        return modules;
    }

    /// <summary>The SVG element, one unit per module, with an accessible name.</summary>
    public static HtmlString Render(string text, string accessibleName)
    {
        ArgumentNullException.ThrowIfNull(accessibleName);
        var modules = Modules(text);
        var size = modules.Length + (2 * QuietZone);
        var path = new StringBuilder();
        for (var y = 0; y < modules.Length; y++)
        {
            for (var x = 0; x < modules.Length; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x + QuietZone} {y + QuietZone}h1v1h-1z");
                }
            }
        }

        var name = System.Net.WebUtility.HtmlEncode(accessibleName);
        return new HtmlString(
            $"""<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" aria-label="{name}" shape-rendering="crispEdges" focusable="false"><rect width="{size}" height="{size}" fill="#ffffff"/><path fill="#000000" d="{path}"/></svg>""");
    }

    /// <summary>A QR symbol is 21 + 4·(version − 1) modules wide; QRCoder adds a quiet zone on each side.</summary>
    private static int SymbolSize(int matrixSize)
    {
        var withoutZone = matrixSize - (2 * QuietZone);
        return (withoutZone - 21) % 4 == 0 ? withoutZone : matrixSize;
    }
}
