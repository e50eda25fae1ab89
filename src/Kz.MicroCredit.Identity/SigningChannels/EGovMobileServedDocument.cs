using System.Text;

namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>One document API 2 serves: the session's challenge (id 1) or one of the lender's documents (ids 2, 3, …).</summary>
internal sealed record EGovMobileServedDocument(int Id, bool IsChallenge, string NameRu, string NameKz, string NameEn, EGovMobileSignMethod SignMethod, byte[] Content, string Mime)
{
    /// <summary>The documents of a session in serving order: the challenge, then the lender's.</summary>
    public static IReadOnlyList<EGovMobileServedDocument> Of(EGovMobileSession session)
    {
        BorrowerChallenge challenge = Challenge(session);
        var served = new List<EGovMobileServedDocument>(1 + session.Documents.Count)
        {
            new(
                1,
                true,
                "Подтверждение личности заёмщика",
                "Қарыз алушының жеке басын растау",
                "Borrower identity confirmation",
                session.SignMethod,
                session.SignMethod == EGovMobileSignMethod.Xml ? Encoding.UTF8.GetBytes(challenge.ToSignedXml()) : challenge.ToSignedBytes(),
                "text/plain"),
        };
        for (int i = 0; i < session.Documents.Count; i++)
        {
            EGovMobileDocument d = session.Documents[i];
            served.Add(new EGovMobileServedDocument(i + 2, false, d.NameRu, d.NameKz, d.NameEn, d.SignMethod, d.Content, d.Mime));
        }

        return served;
    }

    public static BorrowerChallenge Challenge(EGovMobileSession session) =>
        new(session.ChallengeId, session.ChallengeNonce, Iin.Parse(session.IinDigits), session.Operation, session.ChallengeIssuedAt, session.ChallengeExpiresAt);

    /// <summary>The protocol's <c>signMethod</c> of a set of documents: their common method, or <c>MIX_SIGN</c>.</summary>
    public static string WireSignMethod(IReadOnlyList<EGovMobileServedDocument> documents) =>
        documents.All(d => d.SignMethod == documents[0].SignMethod) ? WireName(documents[0].SignMethod) : "MIX_SIGN";

    public static string WireName(EGovMobileSignMethod method) => method switch
    {
        EGovMobileSignMethod.Xml => "XML",
        EGovMobileSignMethod.CmsWithData => "CMS_WITH_DATA",
        _ => "CMS_SIGN_ONLY",
    };
}
