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

    /// <summary>Answers without the last document (a session over several documents).</summary>
    DropDocument,

    /// <summary>Answers with one more document than served (a copy of the last one, signed, under a new id).</summary>
    AddDocument,

    /// <summary>Answers the documents in another order (the first two swapped, each signed).</summary>
    ReorderDocuments,

    /// <summary>Changes the last document's content and signs the changed one validly.</summary>
    ChangeLastDocument,

    /// <summary>Signs the last document with <see cref="EGovMobileSimulator.AnotherSigner"/> (the others with the borrower's key).</summary>
    SignLastDocumentWithAnotherKey,

    /// <summary><c>auth_type Eds</c>: fetches the documents with GET, without signing in.</summary>
    EdsSkipSignIn,

    /// <summary><c>auth_type Eds</c>: signs in with <see cref="EGovMobileSimulator.AnotherSigner"/>.</summary>
    EdsSignInWithAnotherKey,

    /// <summary><c>auth_type Eds</c>: signs in with an XML that does not name the session.</summary>
    EdsSignInOverOtherData,

    /// <summary><c>auth_type Eds</c>: signs in with an XML naming another session (a sign-in replayed from elsewhere).</summary>
    EdsSignInForAnotherSession,

    /// <summary><c>auth_type Eds</c>: signs in correctly, then answers documents signed with <see cref="EGovMobileSimulator.AnotherSigner"/>.</summary>
    EdsAnswerWithAnotherKey,
}
