namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>Why the protocol refused a call; each has an HTTP status and a localized message.</summary>
internal enum EGovMobileError
{
    SessionNotFound,
    SessionExpired,
    LinkAlreadyUsed,
    AlreadyAnswered,
    Unauthorized,
    EdsAuthenticationFailed,
    MalformedBody,
    BodyTooLarge,
    DocumentsChanged,
    SignerMismatch,
    SignatureRejected,
    TryLater,
}
