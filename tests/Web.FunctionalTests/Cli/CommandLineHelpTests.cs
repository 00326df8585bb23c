using OneTimeSecret.Web.Cli;

namespace OneTimeSecret.Web.FunctionalTests.Cli;

/// <summary>
/// The parsing contract of every verb: <c>--help</c> prints the help on standard output and exits 0; a bad argument
/// says what is wrong and shows the usage on standard error, exits 2 and starts nothing.
/// </summary>
public sealed class CommandLineHelpTests
{
    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = args[0] switch
        {
            "users" => await UsersCommandLine.RunAsync(args, output, errors),
            "keys" => await KeysCommandLine.RunAsync(args, output, errors),
            _ => await HealthCommandLine.RunAsync(args, errors, output),
        };
        return (exitCode, output.ToString(), errors.ToString());
    }

    [TestCase(new[] { "users", "--help" }, "add")]
    [TestCase(new[] { "users", "add", "--help" }, "--plan")]
    [TestCase(new[] { "users", "list", "-h" }, "list the accounts")]
    [TestCase(new[] { "users", "token", "--help" }, "--revoke-others")]
    [TestCase(new[] { "users", "remove", "--help" }, "custid")]
    [TestCase(new[] { "keys", "--help" }, "reencrypt")]
    [TestCase(new[] { "keys", "generate", "--help" }, "master key")]
    [TestCase(new[] { "keys", "status", "--help" }, "stored data")]
    [TestCase(new[] { "keys", "reencrypt", "--help" }, "re-encrypt")]
    [TestCase(new[] { "health", "--help" }, "live|ready")]
    public async Task ShouldPrintHelpOnStandardOutputAndExit0_WhenHelpIsAsked(string[] args, string expected)
    {
        var (exitCode, output, errors) = await RunAsync(args);

        Assert.That(exitCode, Is.Zero, errors);
        Assert.That(output, Does.Contain("Usage:").And.Contain(expected));
        Assert.That(errors, Is.Empty);
    }

    [TestCase(new[] { "users", "add" }, "custid")]
    [TestCase(new[] { "users", "add", "bob", "--colour", "red" }, "--colour")]
    [TestCase(new[] { "users", "list", "extra" }, "extra")]
    [TestCase(new[] { "users", "token" }, "custid")]
    [TestCase(new[] { "users", "remove", "a", "b" }, "b")]
    [TestCase(new[] { "keys" }, "keys generate")]
    [TestCase(new[] { "keys", "status", "--all" }, "--all")]
    [TestCase(new[] { "health", "sideways" }, "sideways")]
    public async Task ShouldSayWhatIsWrongAndExit2_WhenAnArgumentIsBad(string[] args, string named)
    {
        var (exitCode, output, errors) = await RunAsync(args);

        Assert.That(exitCode, Is.EqualTo(CommandLineParsing.UsageExitCode));
        Assert.That(errors, Does.Contain(named).And.Contain("Usage:").And.Contain("--help"));
        Assert.That(output, Is.Empty);
    }
}
