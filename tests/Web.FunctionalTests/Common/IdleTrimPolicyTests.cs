using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.FunctionalTests.Common;

public sealed class IdleTrimPolicyTests
{
    private const long Quiet = 100;
    private const long Burst = 10_000;

    [Test]
    public void ShouldTrimOnce_WhenTheAppGoesQuietAfterABurst()
    {
        var policy = new IdleTrimPolicy(Quiet, Burst, quietSamples: 3);

        var decisions = Feed(policy, 0, 6_000, 12_000, 12_010, 12_020, 12_030, 12_040, 12_050);

        Assert.That(decisions, Is.EqualTo(new[] { false, false, false, false, false, true, false, false }));
    }

    [Test]
    public void ShouldNotTrim_WhileTrafficGoesOn()
    {
        var policy = new IdleTrimPolicy(Quiet, Burst, quietSamples: 2);

        var decisions = Feed(policy, 0, 20_000, 20_050, 40_000, 40_050, 60_000);

        Assert.That(decisions, Has.None.True);
    }

    [Test]
    public void ShouldNotTrim_WhenTheQuietFollowsOnlyATrickleOfRequests()
    {
        var policy = new IdleTrimPolicy(Quiet, Burst, quietSamples: 2);

        var decisions = Feed(policy, 0, 50, 2_000, 2_050, 2_060, 2_070, 2_080);

        Assert.That(decisions, Has.None.True);
    }

    [Test]
    public void ShouldTrimAgain_AfterTheNextBurst()
    {
        var policy = new IdleTrimPolicy(Quiet, Burst, quietSamples: 1);

        var decisions = Feed(policy, 0, 20_000, 20_010, 20_020, 40_000, 40_010, 40_020);

        Assert.That(decisions, Is.EqualTo(new[] { false, false, true, false, false, true, false }));
    }

    private static bool[] Feed(IdleTrimPolicy policy, params long[] totals) => [.. totals.Select(policy.ShouldTrim)];
}
