namespace Kz.MicroCredit.Identity.Testing.SigningChannels;

/// <summary>What the <see cref="EGovMobileSimulator"/> does wrong on purpose.</summary>
public enum EGovMobileSimulatorFault
{
    /// <summary>Plays the app correctly.</summary>
    None,

    /// <summary>Answers (PUT) without the Authorization header.</summary>
    MissingToken,

    /// <summary>Answers (PUT) with another bearer token.</summary>
    WrongToken,

    /// <summary>Changes the served document (another nonce) and signs the changed one validly.</summary>
    ChangeDocuments,

    /// <summary>Answers the served document with a signature computed over other data.</summary>
    SignOtherData,

    /// <summary>Answers a body that is not JSON.</summary>
    MalformedBody,

    /// <summary>Answers a body larger than the service's cap, with its Content-Length.</summary>
    OversizedBody,

    /// <summary>Answers a body larger than the service's cap streamed without a Content-Length (the cap applies while reading).</summary>
    OversizedStreamedBody,

    /// <summary>Answers the correct signature twice, one after the other.</summary>
    AnswerTwice,

    /// <summary>Answers the correct signature several times at once.</summary>
    ConcurrentAnswers,

    /// <summary>Fetches API 1 a second time (the QR code is single use) before going on.</summary>
    ReuseQrCode,
}
