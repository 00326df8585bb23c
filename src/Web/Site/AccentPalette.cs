using System.Globalization;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// A self-hoster's accent colour (<c>App:AccentColor</c>) turned into the stylesheet's accent variables for light and
/// dark mode, and the WCAG 2 contrast checks it must pass: links and buttons stay readable (4.5:1, level AA) on the
/// cards of both modes. The surfaces are the stylesheet's own <c>--surface</c> colours (a test keeps them equal).
/// </summary>
public static class AccentPalette
{
    public const string LightSurface = "#ffffff";
    public const string DarkSurface = "#1b1e26";

    /// <summary>WCAG 2 level AA for text.</summary>
    public const double MinimumContrast = 4.5;

    public const string FormatHint = "a colour like #0b7285 (#rrggbb)";

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>A colour as <c>#rrggbb</c> (lower case), or null when the text is not one.</summary>
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim();
        return trimmed is { Length: 7 } && trimmed[0] == '#' && !trimmed.AsSpan(1).ContainsAnyExcept(HexDigits)
            ? trimmed.ToLowerInvariant()
            : null;
    }

    /// <summary>The WCAG 2 contrast ratio of two <c>#rrggbb</c> colours, from 1 to 21.</summary>
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>
    /// The dark-mode shade of a light-mode accent: mixed with white in small steps until it reads on the dark card.
    /// </summary>
    public static string DarkShadeOf(string accent)
    {
        for (var step = 0; step <= 20; step++)
        {
            var shade = Mix(accent, "#ffffff", step / 20.0);
            if (Contrast(shade, DarkSurface) >= MinimumContrast)
            {
                return shade;
            }
        }

        return "#ffffff";
    }

    /// <summary>The hover shade: a little darker in light mode, a little lighter in dark mode.</summary>
    public static string HoverShadeOf(string accent, bool dark) => Mix(accent, dark ? "#ffffff" : "#000000", 0.15);

    /// <summary>The stylesheet that overrides the built-in accent variables.</summary>
    public static string Stylesheet(string accent, string? darkAccent)
    {
        var dark = darkAccent ?? DarkShadeOf(accent);
        return string.Create(
            CultureInfo.InvariantCulture,
            $$"""
            /* App:AccentColor */
            :root { --accent: {{accent}}; --accent-hover: {{HoverShadeOf(accent, dark: false)}}; --accent-text: #ffffff; }
            @media (prefers-color-scheme: dark) {
                :root { --accent: {{dark}}; --accent-hover: {{HoverShadeOf(dark, dark: true)}}; --accent-text: #0d1020; }
            }

            """);
    }

    /// <summary>Red, green or blue (0, 1, 2) of a <c>#rrggbb</c> colour, 0 to 255.</summary>
    private static int Channel(string hex, int index) =>
        int.Parse(hex.AsSpan(1 + (2 * index), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static double Luminance(string hex)
    {
        double Linear(int index)
        {
            var value = Channel(hex, index) / 255.0;
            return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Linear(0)) + (0.7152 * Linear(1)) + (0.0722 * Linear(2));
    }

    private static string Mix(string from, string to, double share)
    {
        var channels = Enumerable.Range(0, 3).Select(i => (int)Math.Round(Channel(from, i) + ((Channel(to, i) - Channel(from, i)) * share)));
        return "#" + string.Concat(channels.Select(c => c.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
