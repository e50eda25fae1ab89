using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>Evidence for a hosted CEID session started with <see cref="KcmrBiometricsSessions.StartAsync"/>.</summary>
public sealed class KcmrSessionEvidence : BorrowerEvidence
{
    /// <summary>Initializes a new instance of the <see cref="KcmrSessionEvidence"/> class.</summary>
    /// <param name="sessionId">The session id returned when the session was started.</param>
    public KcmrSessionEvidence(string sessionId)
    {
        if (!DefaultCeidWireBinding.IsValidId(sessionId))
        {
            throw new ArgumentException("A session id uses letters, digits, '-' and '_' only, at most 128 characters.", nameof(sessionId));
        }

        SessionId = sessionId;
    }

    /// <inheritdoc />
    public override IdentificationMethodId MethodId => IdentificationMethodId.KcmrBiometrics;

    /// <summary>Gets the session id.</summary>
    public string SessionId { get; }

    /// <inheritdoc />
    public override string ToString() => $"KcmrSessionEvidence {{ SessionId = {SessionId} }}";
}
