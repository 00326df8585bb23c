using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneTimeSecret.Infrastructure.Crypto;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Crypto;

public sealed class MasterKeyRingTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"ots-keys-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void ShouldCreateAPrivateKeyFileOnce_WhenGenerationIsAllowed()
    {
        var path = Path.Combine(_folder, "data", "master.key");
        var options = Options.Create(new EncryptionOptions { GenerateMasterKeyFile = true, MasterKeyFile = path });

        var first = new MasterKeyRing(options, NullLogger<MasterKeyRing>.Instance);
        var second = new MasterKeyRing(options, NullLogger<MasterKeyRing>.Instance);

        Assert.That(File.Exists(path), Is.True);
        Assert.That(Convert.FromBase64String(File.ReadAllText(path)), Has.Length.EqualTo(32));
        Assert.That(second.CurrentKeyId, Is.EqualTo(first.CurrentKeyId));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public void ShouldStopWithAClearMessage_WhenNoKeyIsConfiguredAndGenerationIsOff()
    {
        var options = Options.Create(new EncryptionOptions());

        var error = Assert.Throws<InvalidOperationException>(() => _ = new MasterKeyRing(options, NullLogger<MasterKeyRing>.Instance));

        Assert.That(error!.Message, Does.Contain("Encryption:MasterKey"));
    }

    [TestCase("not base64!")]
    [TestCase("c2hvcnQ=")]
    public void ShouldStopWithAClearMessage_WhenTheKeyIsMalformed(string key)
    {
        var options = Options.Create(new EncryptionOptions { MasterKey = key });

        var error = Assert.Throws<InvalidOperationException>(() => _ = new MasterKeyRing(options, NullLogger<MasterKeyRing>.Instance));
        var validation = new EncryptionOptionsValidator().Validate(null, options.Value);

        Assert.That(error!.Message, Does.Contain("Encryption:MasterKey").And.Contain("32"));
        Assert.That(validation.Failed, Is.True);
        Assert.That(validation.FailureMessage, Does.Contain("Encryption:MasterKey"));
    }
}
