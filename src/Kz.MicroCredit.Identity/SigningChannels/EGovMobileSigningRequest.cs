namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>
/// What a lender asks the borrower to sign in one eGov mobile session: always a fresh challenge (document 1, which
/// <c>nca-eds</c> later verifies for the identification) and, after it, the lender's own documents in order (ids 2, 3, …).
/// </summary>
public sealed class EGovMobileSigningRequest
{
    /// <summary>The most documents of the lender a session carries (besides the challenge).</summary>
    public const int MaxDocuments = 16;

    /// <summary>Initializes a new instance of the <see cref="EGovMobileSigningRequest"/> class.</summary>
    /// <param name="iin">The borrower's declared IIN.</param>
    /// <param name="operation">The operation the signature is for.</param>
    public EGovMobileSigningRequest(Iin iin, IdentificationOperation operation)
    {
        if (!iin.HasValue)
        {
            throw new ArgumentException("The IIN is required.", nameof(iin));
        }

        Iin = iin;
        Operation = operation;
    }

    /// <summary>Gets the borrower's declared IIN.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the operation.</summary>
    public IdentificationOperation Operation { get; }

    /// <summary>Gets or sets how the challenge is signed.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="EGovMobileSigningOptions.SignMethod"/>.</value>
    public EGovMobileSignMethod? ChallengeSignMethod { get; set; }

    /// <summary>Gets the lender's documents, served after the challenge in this order (at most <see cref="MaxDocuments"/>).</summary>
    public IList<EGovMobileDocument> Documents { get; } = [];

    /// <inheritdoc />
    public override string ToString() => $"EGovMobileSigningRequest {{ Operation = {Operation}, Documents = {Documents.Count} }}";
}
