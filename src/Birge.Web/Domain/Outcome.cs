namespace Birge.Web.Domain;

/// <summary>A refusal tied to one input field; the message key defaults to <c>Error_{code}</c>.</summary>
public sealed record FieldError(string Field, string Code, string? MessageKey = null)
{
    public string Message => MessageKey ?? "Error_" + Code;
}

/// <summary>
/// Why a use case said no. Either the input is wrong (<see cref="Errors"/>, one or more fields: the API answers 422 with
/// each field's messages), or the request is refused as a whole with one <see cref="Code"/> (the API answers the code's
/// own status, e.g. 404 or 409); <see cref="Field"/> then only tells a form where to show it.
/// </summary>
public sealed class Refusal
{
    private Refusal(string code, string? field, IReadOnlyList<FieldError> errors)
    {
        Code = code;
        Field = field;
        Errors = errors;
    }

    /// <summary>The refusal's code; with field errors, the first one's.</summary>
    public string Code { get; }

    public string? Field { get; }

    /// <summary>The input fields refused; empty when the request is refused as a whole.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    public bool IsInvalidInput => Errors.Count > 0;

    public static Refusal Of(string code, string? field = null) => new(code, field, []);

    public static Refusal Invalid(IReadOnlyList<FieldError> errors) =>
        errors.Count > 0 ? new(errors[0].Code, errors[0].Field, errors) : throw new ArgumentException("A refusal of the input names at least one field.", nameof(errors));
}

/// <summary>What a use case answers: done, or a <see cref="Refusal"/>. <see cref="Outcome{T}"/> also carries what it made.</summary>
public class Outcome
{
    public static readonly Outcome Done = new(null);

    protected Outcome(Refusal? refusal) => Refusal = refusal;

    public Refusal? Refusal { get; }

    public bool Succeeded => Refusal is null;

    /// <summary>The refusal's code, or null when done.</summary>
    public string? Error => Refusal?.Code;

    /// <summary>The input fields refused (empty when done or refused as a whole).</summary>
    public IReadOnlyList<FieldError> Errors => Refusal?.Errors ?? [];

    /// <summary>The request refused as a whole; <paramref name="field"/> is where a form shows it.</summary>
    public static Refusal Refused(string code, string? field = null) => Refusal.Of(code, field);

    public static Refusal Invalid(string field, string code) => Refusal.Invalid([new FieldError(field, code)]);

    public static Refusal Invalid(IReadOnlyList<FieldError> errors) => Refusal.Invalid(errors);

    public static implicit operator Outcome(Refusal refusal) => new(refusal);
}

public sealed class Outcome<T> : Outcome
{
    private Outcome(T value)
        : base(null) => Value = value;

    private Outcome(Refusal refusal)
        : base(refusal)
    {
    }

    /// <summary>What the use case made; set when it succeeded.</summary>
    public T? Value { get; }

    public static implicit operator Outcome<T>(T value) => new(value);

    public static implicit operator Outcome<T>(Refusal refusal) => new(refusal);
}
