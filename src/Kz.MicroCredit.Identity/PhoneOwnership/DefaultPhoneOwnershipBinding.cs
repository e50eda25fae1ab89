using System.Globalization;
using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// The default payload binding (see docs/phone-ownership.md for XML examples). The consent request follows the
/// publicly observed КДП <c>getUserDataRequest</c>; the direct check and the confirmation schemas are this SDK's
/// documented assumption — replace the binding when your service passport says otherwise.
/// </summary>
internal class DefaultPhoneOwnershipBinding : IPhoneOwnershipBinding
{
    /// <summary>The <c>xsi:type</c> of the direct check request.</summary>
    public const string DirectCheckRequestType = "checkSubscriberRequest";

    /// <summary>The <c>xsi:type</c> of the КДП consent request.</summary>
    public const string ConsentRequestType = "getUserDataRequest";

    /// <summary>The <c>xsi:type</c> of the consent confirmation request.</summary>
    public const string ConsentConfirmationType = "confirmUserDataRequest";

    /// <inheritdoc />
    public virtual SmartBridgeServiceData CreateDirectCheckRequest(PhoneOwnershipQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string iin = query.Iin.Value;
        string phone = WirePhone(query.PhoneNumber);
        return new SmartBridgeServiceData(DirectCheckRequestType, w =>
        {
            w.WriteElementString("iin", string.Empty, iin);
            w.WriteElementString("phoneNumber", string.Empty, phone);
        });
    }

    /// <inheritdoc />
    public virtual PhoneOwnershipAnswer ReadDirectCheckResponse(SmartBridgeResponseData data, PhoneOwnershipQuery query)
    {
        ArgumentNullException.ThrowIfNull(data);
        PhoneOwnershipStatus status = data.Find("result")?.ToUpperInvariant() switch
        {
            "REGISTERED" => PhoneOwnershipStatus.Registered,
            "NOT_REGISTERED" => PhoneOwnershipStatus.NotRegistered,
            "REGISTERED_TO_OTHER_IIN" => PhoneOwnershipStatus.RegisteredToAnotherIin,
            "UNKNOWN" => PhoneOwnershipStatus.Unknown,
            null => throw new FormatException("The direct check answer has no result."),
            _ => PhoneOwnershipStatus.Unknown,
        };
        return new PhoneOwnershipAnswer(status, ReadIin(data, "iin"), ReadPhone(data, "phoneNumber"));
    }

    /// <inheritdoc />
    public virtual SmartBridgeServiceData CreateConsentRequest(PhoneConsentRequest query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new SmartBridgeServiceData(ConsentRequestType, w =>
        {
            w.WriteElementString("uin", string.Empty, query.Iin.Value);
            w.WriteElementString("company", string.Empty, query.Company);
            w.WriteElementString("company_bin", string.Empty, query.CompanyBin.Value);
            w.WriteElementString("company_responsible", string.Empty, query.CompanyResponsible);
            w.WriteElementString("employee_name", string.Empty, query.EmployeeName);
            w.WriteElementString("access_name", string.Empty, query.AccessName);
            w.WriteStartElement("personal_data_name", string.Empty);
            w.WriteEndElement();
            w.WriteElementString("expiresIn", string.Empty, ((long)query.ExpiresIn.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("omit-sms", string.Empty, query.OmitSms ? "true" : "false");
        });
    }

    /// <inheritdoc />
    public virtual PhoneConsentRequestAnswer ReadConsentResponse(SmartBridgeResponseData data, PhoneConsentRequest query)
    {
        ArgumentNullException.ThrowIfNull(data);
        string status = data.Find("status") ?? throw new FormatException("The consent answer has no status.");
        bool sent = status.ToUpperInvariant() is "OK" or "SUCCESS" or "SENT" or "TRUE";
        return new PhoneConsentRequestAnswer(sent, data.Find("code"));
    }

    /// <inheritdoc />
    public virtual SmartBridgeServiceData CreateConsentConfirmation(PhoneConsentConfirmation query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new SmartBridgeServiceData(ConsentConfirmationType, w =>
        {
            w.WriteElementString("uin", string.Empty, query.Iin.Value);
            w.WriteElementString("access_name", string.Empty, query.AccessName);
            if (query.RequestToken is not null)
            {
                w.WriteElementString("request_code", string.Empty, query.RequestToken);
            }

            w.WriteElementString("sms_code", string.Empty, query.OneTimeCode);
        });
    }

    /// <inheritdoc />
    public virtual PhoneOwnershipAnswer ReadConsentConfirmationResponse(SmartBridgeResponseData data, PhoneConsentConfirmation query)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(query);
        string status = data.Find("status")?.ToUpperInvariant() ?? throw new FormatException("The confirmation answer has no status.");
        Iin? iin = ReadIin(data, "uin");
        KzPhoneNumber? phone = ReadPhone(data, "phoneNumber");
        PhoneOwnershipStatus result = status switch
        {
            "CONFIRMED" when phone is { } p && p == query.PhoneNumber => PhoneOwnershipStatus.Registered,
            "CONFIRMED" when phone is not null => PhoneOwnershipStatus.IinHasAnotherNumber,
            "INVALID_CODE" => PhoneOwnershipStatus.ConsentCodeInvalid,
            "NO_NUMBER" => PhoneOwnershipStatus.NotRegistered,
            _ => PhoneOwnershipStatus.Unknown,
        };
        return new PhoneOwnershipAnswer(result, iin, phone);
    }

    /// <summary>The number as written on the wire: eleven digits, <c>7XXXXXXXXXX</c>.</summary>
    /// <param name="phone">The number.</param>
    /// <returns>The digits.</returns>
    protected static string WirePhone(KzPhoneNumber phone) => phone.E164[1..];

    private static Iin? ReadIin(SmartBridgeResponseData data, string name)
    {
        string? text = data.Find(name);
        if (text is null)
        {
            return null;
        }

        return Iin.TryParse(text, out Iin iin) ? iin : throw new FormatException("The answer carries a malformed IIN.");
    }

    private static KzPhoneNumber? ReadPhone(SmartBridgeResponseData data, string name)
    {
        string? text = data.Find(name);
        if (text is null)
        {
            return null;
        }

        return KzPhoneNumber.TryParse(text, out KzPhoneNumber phone) ? phone : throw new FormatException("The answer carries a malformed phone number.");
    }
}
