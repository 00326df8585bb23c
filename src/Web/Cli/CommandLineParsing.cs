using System.CommandLine;
using System.Text;

namespace OneTimeSecret.Web.Cli;

/// <summary>
/// How every verb (<c>users</c>, <c>keys</c>, <c>health</c>) is parsed, on System.CommandLine: <c>--help</c> at every
/// level prints the help on standard output and exits 0; a bad or missing argument prints what is wrong and the verb's
/// usage on standard error and exits 2, before anything is started.
/// </summary>
internal static class CommandLineParsing
{
    public const string ExecutableName = "OneTimeSecret.Web";

    /// <summary>The exit code for arguments that do not parse (EX_USAGE-like, as the hand-written parsers used).</summary>
    public const int UsageExitCode = 2;

    /// <param name="verb">The verb's command, with its sub-commands and their actions.</param>
    /// <param name="args">The whole command line, starting with the verb.</param>
    /// <param name="output">Standard output: the help, and what the commands print.</param>
    /// <param name="errors">Standard error: what is wrong with the arguments, and the usage.</param>
    public static async Task<int> InvokeAsync(Command verb, string[] args, TextWriter output, TextWriter errors)
    {
        var root = new RootCommand($"{ExecutableName}: the one-time secret server and its maintenance commands.") { verb };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await errors.WriteLineAsync(error.Message);
            }

            await errors.WriteLineAsync(Usage(verb));
            await errors.WriteLineAsync($"More with '{ExecutableName} {verb.Name} --help'.");
            return UsageExitCode;
        }

        // Unexpected exceptions propagate to the entry point, which reports configuration errors as one clear line.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false });
    }

    /// <summary>One line per command of the verb, from its definition: <c>OneTimeSecret.Web users add &lt;custid&gt; [--plan ...]</c>.</summary>
    public static string Usage(Command verb)
    {
        ArgumentNullException.ThrowIfNull(verb);
        var lines = verb.Subcommands.Count == 0
            ? [(Synopsis(verb, $"{ExecutableName} {verb.Name}"), verb.Description ?? string.Empty)]
            : verb.Subcommands.Select(command => (Synopsis(command, $"{ExecutableName} {verb.Name} {command.Name}"), command.Description ?? string.Empty)).ToList();
        var width = lines.Max(line => line.Item1.Length);
        var usage = new StringBuilder("Usage:");
        foreach (var (synopsis, description) in lines)
        {
            usage.AppendLine().Append("  ").Append(synopsis.PadRight(width)).Append("   ").Append(description);
        }

        return usage.ToString();
    }

    private static string Synopsis(Command command, string prefix)
    {
        var synopsis = new StringBuilder(prefix);
        foreach (var argument in command.Arguments)
        {
            var name = argument.HelpName ?? argument.Name;
            synopsis.Append(argument.Arity.MinimumNumberOfValues == 0 ? $" [{name}]" : $" <{name}>");
        }

        foreach (var option in command.Options.Where(option => !option.Hidden && option is not System.CommandLine.Help.HelpOption))
        {
            synopsis.Append(option.Arity.MaximumNumberOfValues == 0 ? $" [{option.Name}]" : $" [{option.Name} {option.HelpName ?? "<value>"}]");
        }

        return synopsis.ToString();
    }
}
