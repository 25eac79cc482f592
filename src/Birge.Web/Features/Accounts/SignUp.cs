using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Accounts;

/// <summary>What a person gives to create an account, from the sign-up form or <c>POST /api/v1/accounts</c>.</summary>
public sealed class SignUpInput
{
    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Password { get; set; }

    public string? FullName { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? RegionKato { get; set; }

    public string? Iin { get; set; }

    public string? ParentName { get; set; }

    public string? ParentEmail { get; set; }

    public string? ParentPhone { get; set; }

    // Last, as on the form: the error summary lists problems in the order of these properties.
    public string? ConsentVersion { get; set; }
}

/// <param name="IinUnderReview">The IIN given belongs to another account: the account was made without it, for the front office to check.</param>
public sealed record SignedUp(Account Account, bool IinUnderReview);

/// <summary>
/// Creates an account: checks every field, records the consent, and for a child under 14 asks the parent through a
/// one-time link; the account waits until the parent confirms. Everything is stored in one transaction.
/// A registered e-mail or phone is a conflict (slowed down by <see cref="SignUpLimits"/>); an IIN another account
/// holds never is: the account is made without it and the region's front office gets an <see cref="IinCheck"/>, so
/// sign-up does not reveal whose numbers are registered.
/// </summary>
public sealed class SignUp(
    BirgeDb db,
    UserManager<Account> users,
    ContactConfirmation confirmation,
    Outbox outbox,
    SignUpLimits limits,
    TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    /// <param name="network">Where the request came from (<see cref="SignUpLimits.Network"/>).</param>
    public Task<Outcome<SignedUp>> ExecuteAsync(SignUpInput input, string language, string network, CancellationToken cancellationToken) =>
        ExecuteAsync(input, language, network, retried: false, cancellationToken);

    private async Task<Outcome<SignedUp>> ExecuteAsync(SignUpInput input, string language, string network, bool retried, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var errors = Validate(input, today);
        if (!string.IsNullOrWhiteSpace(input.RegionKato) && !await db.Regions.AnyAsync(r => r.Kato == input.RegionKato, cancellationToken))
        {
            errors.Add(new FieldError("regionKato", ErrorCodes.RegionInvalid));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var email = Clean(input.Email);
        _ = PhoneNumber.TryParse(input.Phone, out var phone);
        _ = Domain.Iin.TryParse(input.Iin, out var iin);
        var normalizedEmail = email is null ? null : users.NormalizeEmail(email);
        string[] tried = [.. new[] { normalizedEmail, phone?.Value }.OfType<string>()];
        if (!retried && !limits.Allows(network, tried))
        {
            // The network or a contact tried has hit registered contacts too often; nothing was looked up.
            return Outcome.Refused(AccountErrors.SignUpLimited);
        }

        var taken = await db.Accounts
            .Where(a => (normalizedEmail != null && a.NormalizedEmail == normalizedEmail) || (phone != null && a.Phone == phone.Value))
            .Select(a => new { a.NormalizedEmail, a.Phone })
            .FirstOrDefaultAsync(cancellationToken);
        if (taken is not null)
        {
            limits.Count(network, tried);

            // The message goes next to the field that is already used, not always next to the e-mail.
            return Conflict(normalizedEmail is not null && taken.NormalizedEmail == normalizedEmail ? "email" : "phone");
        }

        var iinHolder = iin is null
            ? null
            : await db.Accounts.Where(a => a.Iin == iin.Value).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        var birthDate = input.BirthDate!.Value;
        var needsParent = Account.NeedsParentConsent(birthDate, today);
        var account = new Account
        {
            Email = email,
            NormalizedEmail = normalizedEmail,
            Phone = phone?.Value,
            FullName = input.FullName!.Trim(),
            BirthDate = birthDate,
            BirthYear = birthDate.Year,
            RegionKato = input.RegionKato!,
            Iin = iinHolder is null ? iin?.Value : null,
            Language = Cultures.FromLanguage(language).TwoLetterISOLanguageName,
            Status = needsParent ? AccountStatus.AwaitingParentConsent : AccountStatus.Active,
            CreatedAt = now,
        };
        account.PasswordHash = users.PasswordHasher.HashPassword(account, input.Password!);
        db.Accounts.Add(account);
        db.ConsentRecords.Add(ConsentRecord.ForPersonalData(account.Id, now, "self", input.ConsentVersion!));
        if (iinHolder is { } holder)
        {
            db.IinChecks.Add(new IinCheck { AccountId = account.Id, HolderId = holder, Iin = iin!.Value, RegionKato = account.RegionKato, CreatedAt = now });
            limits.Count(network, []);
        }

        if (needsParent)
        {
            AskParent(account, input, now);
        }

        await confirmation.QueueAsync(account);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two sign-ups with the same contact or IIN at the same moment: the unique indexes decide, and a second
            // pass sees the other one's account (a conflict for a contact, a check for an IIN).
            db.ChangeTracker.Clear();
            return retried
                ? Conflict(email is not null ? "email" : "phone")
                : await ExecuteAsync(input, language, network, retried: true, cancellationToken);
        }

        return new SignedUp(account, IinUnderReview: iinHolder is not null);
    }

    public static List<FieldError> Validate(SignUpInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        var email = Clean(input.Email);
        var phone = Clean(input.Phone);
        if (email is null && phone is null)
        {
            errors.Add(new FieldError("email", ErrorCodes.ContactRequired));
        }

        CheckEmail(errors, "email", email);
        if (phone is not null && PhoneNumber.Check(phone) is { } phoneError)
        {
            errors.Add(new FieldError("phone", phoneError));
        }

        if (Password.Check(input.Password) is { } passwordError)
        {
            errors.Add(new FieldError("password", passwordError));
        }

        CheckName(errors, "fullName", input.FullName, AccountErrors.FullNameRequired);

        if (input.BirthDate is not { } birthDate)
        {
            errors.Add(new FieldError("birthDate", AccountErrors.BirthDateRequired));
        }
        else if (birthDate > today)
        {
            errors.Add(new FieldError("birthDate", AccountErrors.BirthDateInFuture));
        }
        else if (birthDate < today.AddYears(-120))
        {
            errors.Add(new FieldError("birthDate", AccountErrors.BirthDateInvalid));
        }

        if (string.IsNullOrWhiteSpace(input.RegionKato))
        {
            errors.Add(new FieldError("regionKato", ErrorCodes.RegionInvalid));
        }

        if (Clean(input.Iin) is { } iinText)
        {
            if (!Domain.Iin.TryParse(iinText, out var iin))
            {
                errors.Add(new FieldError("iin", AccountErrors.IinInvalid));
            }
            else if (input.BirthDate is { } b && iin!.BirthDate != b)
            {
                errors.Add(new FieldError("iin", AccountErrors.IinInvalid, "Error_iin_birth_date_mismatch"));
            }
        }

        if (string.IsNullOrWhiteSpace(input.ConsentVersion))
        {
            errors.Add(new FieldError("consentVersion", AccountErrors.ConsentRequired));
        }
        else if (input.ConsentVersion != PersonalDataConsent.CurrentVersion)
        {
            errors.Add(new FieldError("consentVersion", AccountErrors.ConsentOutdated));
        }

        if (input.BirthDate is { } born && born <= today && Account.NeedsParentConsent(born, today))
        {
            var parentEmail = Clean(input.ParentEmail);
            var parentPhone = Clean(input.ParentPhone);
            if (string.IsNullOrWhiteSpace(input.ParentName) || (parentEmail is null && parentPhone is null))
            {
                errors.Add(new FieldError("parentConsent", AccountErrors.ParentConsentRequired));
            }

            CheckName(errors, "parentName", input.ParentName, null);
            CheckEmail(errors, "parentEmail", parentEmail);
            if (parentPhone is not null && PhoneNumber.Check(parentPhone) is { } parentPhoneError)
            {
                errors.Add(new FieldError("parentPhone", parentPhoneError));
            }
        }

        return errors;
    }

    public static bool IsEmail(string text) =>
        text.Length <= MaxEmailLength
        && MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.Host.Contains('.', StringComparison.Ordinal);

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void AskParent(Account account, SignUpInput input, DateTime now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var parentEmail = Clean(input.ParentEmail);
        _ = PhoneNumber.TryParse(input.ParentPhone, out var parentPhone);
        db.ParentConsents.Add(new ParentConsent
        {
            ChildAccountId = account.Id,
            ParentName = input.ParentName!.Trim(),
            ParentEmail = parentEmail,
            ParentPhone = parentPhone?.Value,
            TokenHash = Hash(token),
            RequestedAt = now,
        });
        var culture = Cultures.FromLanguage(account.Language);
        var link = outbox.Link("/parent-consent?token=" + token);
        if (parentEmail is not null)
        {
            outbox.Email(parentEmail, culture, new AccountMessages.ParentConsent(input.ParentName.Trim(), account.FullName!, link));
        }
        else
        {
            outbox.Sms(parentPhone!.Value, culture, new AccountMessages.ParentConsent(input.ParentName.Trim(), account.FullName!, link));
        }
    }

    private static Refusal Conflict(string field) => Outcome.Refused(AccountErrors.AccountExists, field);

    private static void CheckEmail(List<FieldError> errors, string field, string? email)
    {
        if (email is not null && !IsEmail(email))
        {
            errors.Add(new FieldError(field, ErrorCodes.EmailInvalid));
        }
    }

    private static void CheckName(List<FieldError> errors, string field, string? name, string? requiredCode)
    {
        var trimmed = Clean(name);
        if (trimmed is null)
        {
            if (requiredCode is not null)
            {
                errors.Add(new FieldError(field, requiredCode));
            }

            return;
        }

        if (trimmed.Length > MaxNameLength)
        {
            errors.Add(new FieldError(field, ErrorCodes.TooLong, "Error_full_name_too_long"));
        }
        else if (trimmed.Length < 2 || !trimmed.Any(char.IsLetter)
            || trimmed.Any(c => char.IsDigit(c) || char.IsControl(c) || c is '<' or '>' or '@'))
        {
            errors.Add(new FieldError(field, AccountErrors.FullNameInvalid));
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
