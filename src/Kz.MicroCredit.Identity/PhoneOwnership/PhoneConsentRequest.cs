namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>A КДП consent request for the mobile-citizens database.</summary>
internal sealed record PhoneConsentRequest
{
    /// <summary>Gets the borrower's IIN.</summary>
    public required Iin Iin { get; init; }

    /// <summary>Gets the declared number.</summary>
    public required KzPhoneNumber PhoneNumber { get; init; }

    /// <summary>Gets the lender's name.</summary>
    public required string Company { get; init; }

    /// <summary>Gets the lender's BIN.</summary>
    public required Bin CompanyBin { get; init; }

    /// <summary>Gets the purpose / responsible unit text.</summary>
    public required string CompanyResponsible { get; init; }

    /// <summary>Gets the employee or system performing the request.</summary>
    public required string EmployeeName { get; init; }

    /// <summary>Gets the data set code, e.g. <c>MCDB_SERVICE</c>.</summary>
    public required string AccessName { get; init; }

    /// <summary>Gets how long the consent request stays valid.</summary>
    public required TimeSpan ExpiresIn { get; init; }

    /// <summary>Gets a value indicating whether the 1414 SMS is suppressed (must be false for this flow).</summary>
    public bool OmitSms { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"PhoneConsentRequest {{ Iin = {Iin}, AccessName = {AccessName} }}";
}
