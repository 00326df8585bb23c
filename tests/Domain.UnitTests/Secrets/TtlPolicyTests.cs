using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Domain.UnitTests.Secrets;

public sealed class TtlPolicyTests
{
    private const long Minute = 60;
    private const long Day = 24 * 3600;
    private const long DefaultTtl = 7 * Day;
    private const long PlanMaximum = 30 * Day;

    [Test]
    public void ShouldUseDefault_WhenNoTtlRequested()
    {
        Assert.That(TtlPolicy.Effective(null, DefaultTtl, Minute, PlanMaximum), Is.EqualTo(DefaultTtl));
    }

    [Test]
    public void ShouldCapDefaultByPlan_WhenPlanMaximumIsShorterThanDefault()
    {
        Assert.That(TtlPolicy.Effective(null, DefaultTtl, Minute, Day), Is.EqualTo(Day));
    }

    [Test]
    public void ShouldKeepRequestedTtl_WhenWithinRange()
    {
        Assert.That(TtlPolicy.Effective(3_600, DefaultTtl, Minute, PlanMaximum), Is.EqualTo(3_600));
    }

    [TestCase(1)]
    [TestCase(59)]
    public void ShouldRaiseToMinimum_WhenRequestedTtlIsBelowMinimum(long requested)
    {
        Assert.That(TtlPolicy.Effective(requested, DefaultTtl, Minute, PlanMaximum), Is.EqualTo(Minute));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(long.MinValue)]
    public void ShouldUseDefault_WhenRequestedTtlIsZeroOrNegative(long requested)
    {
        Assert.That(TtlPolicy.Effective(requested, DefaultTtl, Minute, PlanMaximum), Is.EqualTo(DefaultTtl));
    }

    [Test]
    public void ShouldCapDefaultByPlan_WhenRequestedTtlIsZero()
    {
        Assert.That(TtlPolicy.Effective(0, DefaultTtl, Minute, Day), Is.EqualTo(Day));
    }

    [TestCase(PlanMaximum + 1)]
    [TestCase(long.MaxValue)]
    public void ShouldLowerToPlanMaximum_WhenRequestedTtlIsAbovePlanMaximum(long requested)
    {
        Assert.That(TtlPolicy.Effective(requested, DefaultTtl, Minute, PlanMaximum), Is.EqualTo(PlanMaximum));
    }

    [Test]
    public void ShouldAcceptBounds_WhenRequestedTtlIsExactlyMinimumOrMaximum()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TtlPolicy.Effective(Minute, DefaultTtl, Minute, PlanMaximum), Is.EqualTo(Minute));
            Assert.That(TtlPolicy.Effective(PlanMaximum, DefaultTtl, Minute, PlanMaximum), Is.EqualTo(PlanMaximum));
        }
    }

    [Test]
    public void ShouldUseMinimum_WhenPlanMaximumIsBelowMinimum()
    {
        // A misconfigured plan must not make Math.Clamp throw: the minimum wins.
        Assert.That(TtlPolicy.Effective(3_600, DefaultTtl, Minute, 10), Is.EqualTo(Minute));
    }
}
