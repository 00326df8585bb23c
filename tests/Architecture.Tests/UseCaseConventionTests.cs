using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Mono.Cecil;
using NetArchTest.Rules;

namespace OneTimeSecret.Architecture.Tests;

/// <summary>
/// The shape of a use case: a record <c>&lt;UseCase&gt;Command</c> or <c>&lt;UseCase&gt;Query</c> in its feature folder, with its
/// sealed handler and its validator beside it. Each rule is also run on this test assembly, whose
/// <c>CounterExamples</c> break it on purpose, and must fail there for exactly those types.
/// </summary>
public sealed partial class UseCaseConventionTests
{
    private const string CounterExamples = "OneTimeSecret.Architecture.Tests.CounterExamples.";

    private static readonly Type[] HandlerInterfaces =
    [
        typeof(ICommandHandler<,>),
        typeof(IQueryHandler<,>),
        typeof(IRequestHandler<,>),
        typeof(INotificationHandler<>),
        typeof(IStreamCommandHandler<,>),
        typeof(IStreamQueryHandler<,>),
        typeof(IStreamRequestHandler<,>),
    ];

    [Test]
    public void ShouldFindEveryUseCase_WhenSelectingMessagesAndHandlers()
    {
        // Guards the selections below: a rule over nothing would pass whatever the code looks like.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Commands(Layers.Application).GetTypes().Count(), Is.EqualTo(20));
            Assert.That(Queries(Layers.Application).GetTypes().Count(), Is.EqualTo(15));
            Assert.That(Handlers(Layers.Application).GetTypes().Count(), Is.EqualTo(35));
        }
    }

    [Test]
    public void ShouldBeSealed_WhenTypeIsAHandler()
    {
        AssertHolds(Handlers(Layers.Application).Should().BeSealed().GetResult());
    }

    [Test]
    public void ShouldFailSealedHandlerRule_WhenAHandlerIsNotSealed()
    {
        AssertFailsForExactly(Handlers(Layers.CounterExamples).Should().BeSealed().GetResult(), "NotARecordCommandHandler");
    }

    [Test]
    public void ShouldBeRecordsNamedCommand_WhenTypeIsACommand()
    {
        AssertHolds(Commands(Layers.Application).Should().HaveNameEndingWith("Command").And().MeetCustomRule(new BeRecord()).GetResult());
    }

    [Test]
    public void ShouldFailCommandRule_WhenACommandIsNotARecord()
    {
        var result = Commands(Layers.CounterExamples).Should().HaveNameEndingWith("Command").And().MeetCustomRule(new BeRecord()).GetResult();

        AssertFailsForExactly(result, "NotARecordCommand");
    }

    [Test]
    public void ShouldBeRecordsNamedQuery_WhenTypeIsAQuery()
    {
        AssertHolds(Queries(Layers.Application).Should().HaveNameEndingWith("Query").And().MeetCustomRule(new BeRecord()).GetResult());
    }

    [Test]
    public void ShouldFailQueryRule_WhenAQueryIsMisnamed()
    {
        var result = Queries(Layers.CounterExamples).Should().HaveNameEndingWith("Query").And().MeetCustomRule(new BeRecord()).GetResult();

        AssertFailsForExactly(result, "MisnamedRequest");
    }

    [Test]
    public void ShouldLiveInItsFeatureFolder_WhenTypeIsACommandOrQuery()
    {
        Assert.That(OutsideFeatureFolder(Layers.Application), Is.Empty);
    }

    [Test]
    public void ShouldFailFeatureFolderRule_WhenAMessageLivesElsewhere()
    {
        Assert.That(OutsideFeatureFolder(Layers.CounterExamples), Is.EquivalentTo(new List<string> { "NotARecordCommand", "MisnamedRequest" }));
    }

    [Test]
    public void ShouldBeNamedAfterItsMessageAndSitBesideIt_WhenTypeIsAHandler()
    {
        Assert.That(MisplacedCompanions(Layers.Application), Is.Empty);
    }

    [Test]
    public void ShouldFailHandlerAndValidatorPlacementRule_WhenNamedOtherwise()
    {
        Assert.That(MisplacedCompanions(Layers.CounterExamples), Is.EquivalentTo(new List<string> { "SomethingElse", "StrayValidator" }));
    }

    [TestCase(nameof(Layers.Domain))]
    [TestCase(nameof(Layers.Infrastructure))]
    [TestCase(nameof(Layers.Web))]
    public void ShouldHoldNoHandler_WhenAssemblyIsNotApplication(string layer)
    {
        Assert.That(Handlers(Layers.ByName(layer)).GetTypes(), Is.Empty);
    }

    [Test]
    public void ShouldFindHandlers_WhenAssemblyHoldsSome()
    {
        Assert.That(
            Handlers(Layers.CounterExamples).GetTypes().Select(t => t.Name),
            Is.EquivalentTo(new List<string> { "NotARecordCommandHandler", "SomethingElse" }));
    }

    private static PredicateList Commands(Assembly assembly) =>
        Types.InAssembly(assembly).That().ImplementInterface(typeof(IBaseCommand));

    private static PredicateList Queries(Assembly assembly) =>
        Types.InAssembly(assembly).That().ImplementInterface(typeof(IBaseQuery));

    private static PredicateList Handlers(Assembly assembly)
    {
        var selection = Types.InAssembly(assembly).That().ImplementInterface(HandlerInterfaces[0]);
        foreach (var handlerInterface in HandlerInterfaces.Skip(1))
        {
            selection = selection.Or().ImplementInterface(handlerInterface);
        }

        return selection;
    }

    /// <summary>Commands and queries not in <c>OneTimeSecret.Application.&lt;Feature&gt;.Commands|Queries.&lt;UseCase&gt;</c>.</summary>
    private static List<string> OutsideFeatureFolder(Assembly assembly) =>
        Commands(assembly).GetTypes().Concat(Queries(assembly).GetTypes())
            .Where(t => FeatureFolder().Match(t.Namespace ?? string.Empty) is not { Success: true } match
                || match.Groups["useCase"].Value + (match.Groups["kind"].Value == "Commands" ? "Command" : "Query") != t.Name)
            .Select(t => t.Name)
            .ToList();

    /// <summary>Handlers and validators not named <c>&lt;Message&gt;Handler</c> / <c>&lt;Message&gt;Validator</c> in their message's namespace.</summary>
    private static List<string> MisplacedCompanions(Assembly assembly)
    {
        var misplaced = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                var suffix = HandlerInterfaces.Contains(definition) ? "Handler"
                    : definition == typeof(IValidator<>) ? "Validator"
                    : null;
                var message = contract.GetGenericArguments()[0];
                if (suffix is not null
                    && message.Assembly == assembly
                    && (type.Name != message.Name + suffix || type.Namespace != message.Namespace))
                {
                    misplaced.Add(type.Name);
                }
            }
        }

        return misplaced.Distinct().ToList();
    }

    private static void AssertHolds(TestResult result) =>
        Assert.That(result.IsSuccessful, Is.True, "Violations: " + string.Join(", ", result.FailingTypeNames ?? []));

    private static void AssertFailsForExactly(TestResult result, params string[] typeNames)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsSuccessful, Is.False);
            Assert.That(result.FailingTypeNames, Is.EquivalentTo(typeNames.Select(n => CounterExamples + n)));
        }
    }

    [GeneratedRegex(@"^OneTimeSecret\.Application\.\w+\.(?<kind>Commands|Queries)\.(?<useCase>\w+)$")]
    private static partial Regex FeatureFolder();

    /// <summary>A C# record class: the compiler gives it a <c>&lt;Clone&gt;$</c> method.</summary>
    private sealed class BeRecord : ICustomRule
    {
        public bool MeetsRule(TypeDefinition type) => type.Methods.Any(m => m.Name == "<Clone>$");
    }
}
