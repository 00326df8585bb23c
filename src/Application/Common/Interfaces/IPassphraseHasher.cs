namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>Slow, salted hashing (bcrypt) for passphrases and account passwords of any length.</summary>
public interface IPassphraseHasher
{
    string Hash(string passphrase);

    bool Verify(string passphrase, string hash);
}
