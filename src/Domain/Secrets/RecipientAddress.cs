namespace OneTimeSecret.Domain.Secrets;

/// <summary>How a recipient's address is shown once stored: enough to recognise it, not enough to read it.</summary>
public static class RecipientAddress
{
    private const string Mask = "***";

    /// <summary>Obfuscates <c>fred@example.org</c> as <c>fr***@ex***.org</c>.</summary>
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
        var topLevel = dot > 0 ? domain[dot..] : string.Empty;
        return $"{Prefix(local)}{Mask}@{Prefix(host)}{Mask}{topLevel}";
    }

    private static string Prefix(string part) => part.Length <= 2 ? part[..1] : part[..2];
}
