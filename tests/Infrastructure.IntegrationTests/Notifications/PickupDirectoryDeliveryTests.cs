using MimeKit;
using OneTimeSecret.Application.Notifications.Commands.DeliverNotifications;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Notifications;

/// <summary>The zero-setup default: without <c>Smtp:Host</c>, emails become <c>.eml</c> files in a folder.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
public sealed class PickupDirectoryDeliveryTests(DatabaseProvider provider) : NotificationTestBase(provider)
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ots-mail-{Guid.NewGuid():N}", "mail");

    protected override IDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Smtp:PickupDirectory"] = _folder,
    };

    [OneTimeTearDown]
    public void DeleteFolder()
    {
        var parent = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Test]
    public async Task ShouldWriteAPrivateEmlFileAndLogOnlyTheFolder_WhenNoSmtpHostIsConfigured()
    {
        var created = await ShareAsync("file value", recipients: ["barney@example.org"]);

        var report = await DeliverAsync();

        Assert.That(report, Is.EqualTo(new DeliveryReport(1, 0, 0, 0)));
        var file = Directory.GetFiles(_folder).Single();
        Assert.That(file, Does.EndWith(".eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Multiple(() =>
        {
            Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("barney@example.org"));
            Assert.That(message.TextBody, Does.Contain($"{ShareUrlBase}/secret/{created.SecretKey}"));
            Assert.That(message.HtmlBody, Does.Contain($"{ShareUrlBase}/secret/{created.SecretKey}"));
            Assert.That(message.ToString(), Does.Not.Contain("file value"));
            Assert.That(Logs.AllText, Does.Contain(_folder));
            Assert.That(Logs.AllText, Does.Not.Contain("barney"));
        });
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(
                File.GetUnixFileMode(_folder),
                Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }
    }
}
