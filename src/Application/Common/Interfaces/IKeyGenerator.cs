using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>Random keys, tokens and passwords from a cryptographic source.</summary>
public interface IKeyGenerator
{
    /// <summary>A secret or metadata key: 31 characters of <c>[0-9a-z]</c>.</summary>
    string NewKey();

    /// <summary>An API token: 40 characters of <c>[0-9a-z]</c>.</summary>
    string NewApiToken();

    /// <summary>A password of the recipe's length, with at least one character of each set it chooses.</summary>
    string NewPassword(PasswordRecipe recipe);
}
