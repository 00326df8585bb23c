namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>
/// Which characters a generated password is made of: the live service's <c>character_sets</c> (uppercase, lowercase,
/// numbers, symbols, and whether look-alike characters such as <c>0 O 1 l I</c> are left out). Each chosen set appears
/// at least once in the password.
/// </summary>
public sealed record PasswordCharacterSets(bool Uppercase, bool Lowercase, bool Numbers, bool Symbols, bool ExcludeAmbiguous)
{
    /// <summary>Letters of both cases and digits, without look-alikes: what <c>generate</c> made before it had options.</summary>
    public static PasswordCharacterSets Default { get; } = new(Uppercase: true, Lowercase: true, Numbers: true, Symbols: false, ExcludeAmbiguous: true);

    public bool AnyChosen => Uppercase || Lowercase || Numbers || Symbols;
}

/// <summary>A generated password's length and characters.</summary>
public sealed record PasswordRecipe(int Length, PasswordCharacterSets CharacterSets)
{
    /// <summary>As many characters as there are sets, so that each can appear; a 4-digit PIN is the shortest use.</summary>
    public const int MinLength = 4;

    /// <summary>The live service's ceiling.</summary>
    public const int MaxLength = 128;
}
