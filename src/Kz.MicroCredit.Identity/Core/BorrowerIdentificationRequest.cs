namespace Kz.MicroCredit.Identity;

/// <summary>
/// What the borrower declared and supplied: IIN, phone number, the operation, a correlation id and the evidence for
/// each method (a signed challenge, a live image, a provider session, a one-time code…).
/// </summary>
/// <remarks><see cref="ToString()"/> prints no personal data.</remarks>
public sealed class BorrowerIdentificationRequest
{
    /// <summary>Initializes a new instance of the <see cref="BorrowerIdentificationRequest"/> class.</summary>
    /// <param name="iin">The IIN the borrower declared.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="correlationId">The lender's id for this application or loan; it links the evidence report to the loan.</param>
    /// <exception cref="ArgumentException">The IIN is the default value or the correlation id is empty.</exception>
    public BorrowerIdentificationRequest(Iin iin, IdentificationOperation operation, string correlationId)
    {
        if (!iin.HasValue)
        {
            throw new ArgumentException("The declared IIN is required.", nameof(iin));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        if (correlationId.Length > 128)
        {
            throw new ArgumentException("The correlation id is longer than 128 characters.", nameof(correlationId));
        }

        Iin = iin;
        Operation = operation;
        CorrelationId = correlationId;
    }

    /// <summary>Gets the IIN the borrower declared.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the operation.</summary>
    public IdentificationOperation Operation { get; }

    /// <summary>Gets the lender's correlation id (application or loan id).</summary>
    public string CorrelationId { get; }

    /// <summary>Gets or sets the borrower's declared mobile number; needed by the phone-ownership and OTP methods.</summary>
    public KzPhoneNumber? PhoneNumber { get; init; }

    /// <summary>Gets the evidence the borrower supplied, one entry per evidence type.</summary>
    public BorrowerEvidenceSet Evidence { get; } = new();

    /// <inheritdoc />
    public override string ToString() => $"BorrowerIdentificationRequest {{ Operation = {Operation}, Iin = {Iin}, Evidence = {Evidence.Count} }}";
}
