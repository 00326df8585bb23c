using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Commands.GenerateSecret;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Application.Secrets.Queries.GetRecentMetadata;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.UnitTests.Secrets.Commands.ShareSecret;

/// <summary>The creator's private note (issue 16, item 9): encrypted, for the holder of the metadata key only.</summary>
public sealed class CreatorNoteTests : HandlerTestBase
{
    private const string Note = "db password for Anna";

    [Test]
    public async Task ShouldStoreTheNoteOnlyEncrypted_AndShowItWithTheMetadataKey()
    {
        var created = await ShareWithNoteAsync(Note);

        Assert.That(created.Metadata.Note, Is.EqualTo(Note));
        Assert.That(Database.AllStoredValues(), Is.Not.Empty, "the scan must see the stored row");
        Assert.That(Database.Contains(Note), Is.False, "the note in clear");
        var row = await LoadSecretAsync(created.MetadataKey);
        Assert.That(row.EncryptedNote, Is.Not.Null);
        Assert.That(Cipher.DecryptNote(row.EncryptedNote!, created.MetadataKey), Is.EqualTo(Note));
        Assert.That((await ViewAsync(created.MetadataKey)).Note, Is.EqualTo(Note));
    }

    [Test]
    public async Task ShouldKeepTheNote_AfterTheSecretIsRevealed()
    {
        var created = await ShareWithNoteAsync(Note);

        await RevealAsync(created.SecretKey);

        var metadata = await ViewAsync(created.MetadataKey);
        Assert.That(metadata.State, Is.EqualTo(SecretState.Received));
        Assert.That(metadata.Note, Is.EqualTo(Note));
    }

    [Test]
    public async Task ShouldKeepTheNote_InTheBurnAnswer()
    {
        var created = await ShareWithNoteAsync(Note);

        var burned = await BurnAsync(created.MetadataKey);

        Assert.That(burned.Metadata.Note, Is.EqualTo(Note));
    }

    [Test]
    public async Task ShouldListTheNote_InTheAccountsRecentSecrets()
    {
        var fred = await AddCustomerAsync();
        await ShareWithNoteAsync(Note, fred);
        await ShareWithNoteAsync(null, fred);

        var recent = await new GetRecentMetadataQueryHandler(Database.NewContext(), Cipher, Clock, Options.Create(SecretSettings))
            .Handle(new GetRecentMetadataQuery(fred), CancellationToken.None);

        Assert.That(recent.Select(m => m.Note), Is.EquivalentTo(new[] { Note, null }));
    }

    [Test]
    public async Task ShouldStoreNoNote_WhenTheNoteIsBlank_AndTrimAGivenOne()
    {
        var blank = await ShareWithNoteAsync("   ");
        var padded = await ShareWithNoteAsync("  for Anna ");

        Assert.That((await LoadSecretAsync(blank.MetadataKey)).EncryptedNote, Is.Null);
        Assert.That((await ViewAsync(blank.MetadataKey)).Note, Is.Null);
        Assert.That((await ViewAsync(padded.MetadataKey)).Note, Is.EqualTo("for Anna"));
    }

    [Test]
    public async Task ShouldKeepTheNoteOfAGeneratedPassword()
    {
        var handler = new GenerateSecretCommandHandler(NewSecretCreator(), KeyGenerator, Options.Create(SecretSettings));

        var generated = await handler.Handle(
            new GenerateSecretCommand(Requester.Anonymous, null, null, [], null, Note: Note), CancellationToken.None);

        Assert.That(generated.Created.Metadata.Note, Is.EqualTo(Note));
        Assert.That((await ViewAsync(generated.Created.MetadataKey)).Note, Is.EqualTo(Note));
    }

    [TestCase(100, true)]
    [TestCase(101, false)]
    public void ShouldAllowANoteOfAtMost100Characters(int length, bool valid)
    {
        var validator = new ShareSecretCommandValidator(Options.Create(new SecretOptions()));

        var result = validator.Validate(Command(new string('n', length)));

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "Note must be no more than 100 characters long" }));
        }
    }

    [TestCase("two\nlines", "Note must be one line of text")]
    [TestCase("nul\0", "Note must be one line of text")]
    public void ShouldRefuseANoteThatIsNotOneLineOfText(string note, string message)
    {
        var validator = new ShareSecretCommandValidator(Options.Create(new SecretOptions()));

        var result = validator.Validate(Command(note));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { message }));
    }

    [Test]
    public void ShouldRefuseANoteWithALoneSurrogate()
    {
        // Built here: an attribute's string argument is stored as UTF-8, which cannot hold a lone surrogate.
        var validator = new ShareSecretCommandValidator(Options.Create(new SecretOptions()));

        var result = validator.Validate(Command("lone " + (char)0xD800 + " surrogate"));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "Note is not valid text" }));
    }

    [Test]
    public void ShouldCountANoteInCharacters_NotUtf16Units()
    {
        var validator = new ShareSecretCommandValidator(Options.Create(new SecretOptions()));

        // 100 emoji are 200 UTF-16 units but 100 characters.
        var result = validator.Validate(Command(string.Concat(Enumerable.Repeat("\U0001F511", 100))));

        Assert.That(result.Errors, Is.Empty);
    }

    private static ShareSecretCommand Command(string? note) =>
        new(Requester.Anonymous, "a secret", null, null, [], null, Note: note);

    private async Task<CreatedSecret> ShareWithNoteAsync(string? note, Requester? requester = null) =>
        await new ShareSecretCommandHandler(NewSecretCreator())
            .Handle(new ShareSecretCommand(requester ?? Requester.Anonymous, "the value", null, null, [], null, "https://ots.test", Note: note), CancellationToken.None);
}
