using System.Reflection;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Architecture.Tests;

/// <summary>The assemblies under test, each found through a type it surely holds, and the namespaces of the layers.</summary>
internal static class Layers
{
    public const string DomainNamespace = "OneTimeSecret.Domain";
    public const string ApplicationNamespace = "OneTimeSecret.Application";
    public const string InfrastructureNamespace = "OneTimeSecret.Infrastructure";
    public const string WebNamespace = "OneTimeSecret.Web";

    public static Assembly Domain { get; } = typeof(Secret).Assembly;

    public static Assembly Application { get; } = typeof(ShareSecretCommand).Assembly;

    public static Assembly Infrastructure { get; } = typeof(ApplicationDbContext).Assembly;

    public static Assembly Web { get; } = typeof(Program).Assembly;

    /// <summary>This test assembly: it holds the deliberate counter-examples under <c>CounterExamples</c>.</summary>
    public static Assembly CounterExamples { get; } = typeof(Layers).Assembly;

    public static Assembly ByName(string name) => name switch
    {
        nameof(Domain) => Domain,
        nameof(Application) => Application,
        nameof(Infrastructure) => Infrastructure,
        nameof(Web) => Web,
        nameof(CounterExamples) => CounterExamples,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
