using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.UnitTests.Customers.Commands.AddCustomer;

public sealed class AddCustomerCommandValidatorTests
{
    private readonly AddCustomerCommandValidator _validator = new();

    [TestCase("fred@example.org")]
    [TestCase("fred")]
    [TestCase("Fred.Smith+ots@example.org")]
    public void ShouldAccept_WhenCustIdIsAnEmailOrUserName(string custId)
    {
        var result = _validator.Validate(new AddCustomerCommand(custId, PlanIds.Basic, "password"));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("", "custid is required")]
    [TestCase("fred:smith", "custid may contain only printable ASCII characters without spaces or ':'")]
    [TestCase("fred smith", "custid may contain only printable ASCII characters without spaces or ':'")]
    [TestCase("fr\u00e9d", "custid may contain only printable ASCII characters without spaces or ':'")]
    [TestCase("fred\0", "custid may contain only printable ASCII characters without spaces or ':'")]
    [TestCase("anon", "custid 'anon' is reserved")]
    [TestCase("ANON", "custid 'anon' is reserved")]
    public void ShouldReject_WhenCustIdIsInvalid(string custId, string expectedMessage)
    {
        var result = _validator.Validate(new AddCustomerCommand(custId, PlanIds.Basic));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Does.Contain(expectedMessage));
    }

    [Test]
    public void ShouldReject_WhenCustIdIsLongerThanAllowed()
    {
        var result = _validator.Validate(new AddCustomerCommand(new string('a', Customer.MaxCustIdLength + 1), PlanIds.Basic));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Does.Contain("custid must be at most 254 characters"));
    }

    [Test]
    public void ShouldReject_WhenPlanIsUnknown()
    {
        var result = _validator.Validate(new AddCustomerCommand("fred", "platinum"));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Does.Contain("plan must be one of: anonymous, basic"));
    }

    [Test]
    public void ShouldReject_WhenPasswordIsTooLong()
    {
        var result = _validator.Validate(new AddCustomerCommand("fred", PlanIds.Basic, new string('p', 1_025)));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new List<string> { nameof(AddCustomerCommand.Password) }));
    }
}
