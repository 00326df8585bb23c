using FluentValidation;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Web.Site.Models;

public sealed class SignInForm
{
    public string? CustId { get; set; }

    public string? Password { get; set; }
}

/// <summary>The account page's request for a secret (field names as the API's).</summary>
public sealed class RequestForm
{
    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "note")]
    public string? Note { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "ttl")]
    public long? Ttl { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "secret_ttl")]
    public long? SecretTtl { get; set; }
}

public sealed class SignUpForm
{
    public string? CustId { get; set; }

    public string? Password { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "confirm_password")]
    public string? ConfirmPassword { get; set; }
}

/// <summary>Client-side hints for the sign-in form (the server checks the credentials).</summary>
public sealed class SignInFormValidator : AbstractValidator<SignInForm>
{
    public SignInFormValidator()
    {
        RuleFor(f => f.CustId).NotEmpty().WithMessage("Enter your email address or user name");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Enter your password");
    }
}

/// <summary>Client-side hints for the sign-up form; the server's truth is the Application's <c>SignUpCommandValidator</c>.</summary>
public sealed class SignUpFormValidator : AbstractValidator<SignUpForm>
{
    public SignUpFormValidator(IOptions<AccountOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var minimum = options.Value.MinPasswordLength;
        RuleFor(f => f.CustId)
            .NotEmpty().WithMessage("Choose an email address or user name")
            .MaximumLength(Domain.Customers.Customer.MaxCustIdLength);
        RuleFor(f => f.Password)
            .NotEmpty().WithMessage("Choose a password")
            .MinimumLength(minimum).WithMessage($"Password must be at least {minimum} characters long")
            .MaximumLength(1_024);
        RuleFor(f => f.ConfirmPassword)
            .Equal(f => f.Password).WithMessage("The two passwords differ");
    }
}
