using System.Reflection;
using NetArchTest.Rules;

namespace OneTimeSecret.Architecture.Tests;

/// <summary>
/// Domain ← Application ← Infrastructure ← Web. Each rule has a counter-example: the same rule applied to an
/// assembly that does have the dependency must fail, so a rule that checks the wrong assembly or misspells a
/// namespace cannot pass silently.
/// </summary>
public sealed class LayerDependencyTests
{
    private static readonly string[] ForbiddenForDomain =
    [
        Layers.ApplicationNamespace,
        Layers.InfrastructureNamespace,
        Layers.WebNamespace,
        "Microsoft.EntityFrameworkCore",
        "Mediator",
    ];

    private static readonly string[] ForbiddenForApplication =
    [
        Layers.InfrastructureNamespace,
        Layers.WebNamespace,
        "Microsoft.AspNetCore",
        "Microsoft.Data.Sqlite",
        "Npgsql",
        "BCrypt",
    ];

    private static readonly string[] ForbiddenForInfrastructure = [Layers.WebNamespace];

    /// <summary>Each forbidden namespace, with an assembly that really depends on it.</summary>
    private static readonly object[] ForbiddenNamespacesWithAHolder =
    [
        new object[] { nameof(Layers.Domain), Layers.ApplicationNamespace, nameof(Layers.Infrastructure) },
        new object[] { nameof(Layers.Domain), Layers.InfrastructureNamespace, nameof(Layers.Web) },
        new object[] { nameof(Layers.Domain), Layers.WebNamespace, nameof(Layers.CounterExamples) },
        new object[] { nameof(Layers.Domain), "Microsoft.EntityFrameworkCore", nameof(Layers.Application) },
        new object[] { nameof(Layers.Domain), "Mediator", nameof(Layers.Application) },
        new object[] { nameof(Layers.Application), Layers.InfrastructureNamespace, nameof(Layers.Web) },
        new object[] { nameof(Layers.Application), Layers.WebNamespace, nameof(Layers.CounterExamples) },
        new object[] { nameof(Layers.Application), "Microsoft.AspNetCore", nameof(Layers.Web) },
        new object[] { nameof(Layers.Application), "Microsoft.Data.Sqlite", nameof(Layers.Infrastructure) },
        new object[] { nameof(Layers.Application), "Npgsql", nameof(Layers.Infrastructure) },
        new object[] { nameof(Layers.Application), "BCrypt", nameof(Layers.Infrastructure) },
        new object[] { nameof(Layers.Infrastructure), Layers.WebNamespace, nameof(Layers.CounterExamples) },
    ];

    [TestCase(nameof(Layers.Domain), Layers.DomainNamespace)]
    [TestCase(nameof(Layers.Application), Layers.ApplicationNamespace)]
    [TestCase(nameof(Layers.Infrastructure), Layers.InfrastructureNamespace)]
    [TestCase(nameof(Layers.Web), Layers.WebNamespace)]
    public void ShouldCheckTheLayersOwnTypes_WhenRulesPickAnAssembly(string layer, string layerNamespace)
    {
        var assembly = Layers.ByName(layer);
        var types = Types.InAssembly(assembly).GetTypes().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(assembly.GetName().Name, Is.EqualTo(layerNamespace));
            Assert.That(types, Is.Not.Empty, "a rule over no types passes whatever the code does");
            Assert.That(types.Count(t => t.Namespace?.StartsWith(layerNamespace, StringComparison.Ordinal) == true), Is.GreaterThan(3));
        }
    }

    [Test]
    public void ShouldDependOnNoOuterLayerNorEfCoreNorMediator_WhenAssemblyIsDomain()
    {
        AssertHolds(NotDependingOnAny(Layers.Domain, ForbiddenForDomain));
    }

    [Test]
    public void ShouldFailDomainRule_WhenAppliedToInfrastructure()
    {
        var result = NotDependingOnAny(Layers.Infrastructure, ForbiddenForDomain);

        AssertFailsFor(result, "OneTimeSecret.Infrastructure.Persistence.ApplicationDbContext");
    }

    [Test]
    public void ShouldReferenceOnlyTheFramework_WhenAssemblyIsDomain()
    {
        Assert.That(NonFrameworkReferences(Layers.Domain), Is.Empty);
    }

    [Test]
    public void ShouldFailFrameworkOnlyRule_WhenAppliedToApplication()
    {
        Assert.That(
            NonFrameworkReferences(Layers.Application),
            Is.SupersetOf(new List<string> { "OneTimeSecret.Domain", "Mediator", "Microsoft.EntityFrameworkCore", "FluentValidation" }));
    }

    [Test]
    public void ShouldNotDependOnInfrastructureNorWebNorProviders_WhenAssemblyIsApplication()
    {
        AssertHolds(NotDependingOnAny(Layers.Application, ForbiddenForApplication));
    }

    [Test]
    public void ShouldFailApplicationRule_WhenAppliedToWeb()
    {
        var result = NotDependingOnAny(Layers.Web, ForbiddenForApplication);

        AssertFailsFor(result, "OneTimeSecret.Web.DependencyInjection");
    }

    [Test]
    public void ShouldNotDependOnWeb_WhenAssemblyIsInfrastructure()
    {
        AssertHolds(NotDependingOnAny(Layers.Infrastructure, ForbiddenForInfrastructure));
    }

    [Test]
    public void ShouldFailInfrastructureRule_WhenAppliedToAnAssemblyThatUsesWeb()
    {
        var result = NotDependingOnAny(Layers.CounterExamples, ForbiddenForInfrastructure);

        AssertFailsFor(result, "OneTimeSecret.Architecture.Tests.CounterExamples.DependsOnWeb");
    }

    [TestCaseSource(nameof(ForbiddenNamespacesWithAHolder))]
    public void ShouldDetectEachForbiddenNamespace_WhenAppliedToAnAssemblyThatHasIt(string layer, string forbidden, string holder)
    {
        var rules = layer switch
        {
            nameof(Layers.Domain) => ForbiddenForDomain,
            nameof(Layers.Application) => ForbiddenForApplication,
            _ => ForbiddenForInfrastructure,
        };
        Assert.That(rules, Does.Contain(forbidden), "the counter-example must exercise the rule's own list");

        var result = NotDependingOnAny(Layers.ByName(holder), [forbidden]);

        Assert.That(result.IsSuccessful, Is.False, $"{holder} depends on {forbidden}, so the rule must fail there");
    }

    private static TestResult NotDependingOnAny(Assembly assembly, string[] forbidden) =>
        Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

    private static void AssertHolds(TestResult result) =>
        Assert.That(result.IsSuccessful, Is.True, "Violations: " + string.Join(", ", result.FailingTypeNames ?? []));

    private static void AssertFailsFor(TestResult result, string typeName)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsSuccessful, Is.False);
            Assert.That(result.FailingTypeNames, Does.Contain(typeName));
        }
    }

    private static List<string> NonFrameworkReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(name => name is not ("netstandard" or "mscorlib")
                && !name.StartsWith("System", StringComparison.Ordinal)
                && !name.StartsWith("Microsoft.Win32", StringComparison.Ordinal))
            .ToList();
}
