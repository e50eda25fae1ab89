namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>How the eGov mobile app signs the documents of a session (the protocol's <c>signMethod</c>).</summary>
public enum EGovMobileSignMethod
{
    /// <summary><c>XML</c>: the app signs <see cref="BorrowerChallenge.ToSignedXml"/> with an enveloped XMLDSig signature.</summary>
    Xml,

    /// <summary><c>CMS_WITH_DATA</c>: the app answers an attached CMS over <see cref="BorrowerChallenge.ToSignedBytes"/>.</summary>
    CmsWithData,

    /// <summary><c>CMS_SIGN_ONLY</c>: the app answers a detached CMS; the server supplies the content it served.</summary>
    CmsSignOnly,
}
