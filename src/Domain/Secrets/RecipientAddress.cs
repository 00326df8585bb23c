using System.Text;

namespace OneTimeSecret.Domain.Secrets;

/// <summary>How a recipient's address is shown once stored: enough to recognise it, not enough to read it.</summary>
public static class RecipientAddress
{
    private const string Mask = "*****";

    /// <summary>The longest top-level label the live service's pattern shows (it matches <c>\.[a-z]{2,4}</c>).</summary>
    private const int LongestShownTopLevel = 4;

    /// <summary>
    /// Obfuscates in the live service's format, which clients compare: <c>fred@example.org</c> becomes
    /// <c>fr*****@e*****.org</c> (two characters of the local part, five asterisks, the host's first character, five
    /// asterisks, the last label with its dot). Where the live pattern would leave an address in the clear (a one- or
    /// two-character local part or host, a top-level label longer than four letters), this masks it anyway: never
    /// the whole local part, never the whole host, and a long top-level label only by its first letter.
    /// </summary>
    public static string Obfuscate(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return Mask;
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var host = dot > 0 ? domain[..dot] : domain;
        var topLevel = dot > 0 ? domain[(dot + 1)..] : string.Empty;
        var shownTopLevel = topLevel.Length switch
        {
            0 => string.Empty,
            <= LongestShownTopLevel => $".{topLevel}",
            _ => $".{Prefix(topLevel, 1)}{Mask}",
        };
        return $"{Prefix(local, 2)}{Mask}@{Prefix(host, 1)}{Mask}{shownTopLevel}";
    }

    /// <summary>
    /// The first <paramref name="wanted"/> characters (whole Unicode scalars), but always fewer than the part has,
    /// so that a short part is never shown whole.
    /// </summary>
    private static string Prefix(string part, int wanted)
    {
        var runes = part.EnumerateRunes().ToList();
        var count = Math.Min(wanted, runes.Count - 1);
        var prefix = new StringBuilder();
        foreach (var rune in runes.Take(count))
        {
            prefix.Append(rune.ToString());
        }

        return prefix.ToString();
    }
}
