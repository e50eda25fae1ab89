using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>What the lender's backend passes to start a real-time photo session.</summary>
public sealed class RealTimePhotoStartRequest
{
    /// <summary>Initializes a new instance of the <see cref="RealTimePhotoStartRequest"/> class.</summary>
    /// <param name="iin">The borrower's declared IIN.</param>
    /// <param name="phoneNumber">The borrower's number (proven to belong to the IIN by the phone-ownership method).</param>
    /// <param name="operation">The operation.</param>
    /// <param name="correlationId">The loan or application id; the identification request must carry the same one.</param>
    public RealTimePhotoStartRequest(Iin iin, KzPhoneNumber phoneNumber, IdentificationOperation operation, string correlationId)
    {
        if (!iin.HasValue)
        {
            throw new ArgumentException("The IIN is required.", nameof(iin));
        }

        if (!phoneNumber.HasValue)
        {
            throw new ArgumentException("The phone number is required.", nameof(phoneNumber));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        Iin = iin;
        PhoneNumber = phoneNumber;
        Operation = operation;
        CorrelationId = correlationId;
    }

    /// <summary>Gets the IIN.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the phone number.</summary>
    public KzPhoneNumber PhoneNumber { get; }

    /// <summary>Gets the operation.</summary>
    public IdentificationOperation Operation { get; }

    /// <summary>Gets the correlation id.</summary>
    public string CorrelationId { get; }

    /// <summary>Gets the amount in tenge the code approves; required for agreement signing and payout (it goes into the SMS text).</summary>
    public decimal? Amount { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RealTimePhotoStartRequest {{ Operation = {Operation}, Iin = {Iin} }}";
}
