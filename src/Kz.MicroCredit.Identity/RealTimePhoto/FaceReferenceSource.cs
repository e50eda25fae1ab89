namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Where the reference photo for the face match comes from.</summary>
public enum FaceReferenceSource
{
    /// <summary>The state photo database (ГБД ФЛ) fetched by the provider by IIN; the IIN goes to the provider in the request body.</summary>
    StatePhotoViaProvider = 0,

    /// <summary>The photo of the identity document the borrower captured in the same provider flow.</summary>
    IdDocumentPhoto = 1,

    /// <summary>A photo the lender supplies in <see cref="RealTimePhotoEvidence.ReferencePhoto"/> (e.g. obtained through CEID).</summary>
    CallerSupplied = 2,
}
