namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>The protocol's human-readable error messages in Russian, Kazakh and English, picked by Accept-Language.</summary>
internal static class EGovMobileMessages
{
    public static int StatusCode(EGovMobileError error) => error switch
    {
        EGovMobileError.SessionNotFound => 404,
        EGovMobileError.SessionExpired => 410,
        EGovMobileError.LinkAlreadyUsed => 409,
        EGovMobileError.AlreadyAnswered => 409,
        EGovMobileError.Unauthorized => 401,
        EGovMobileError.EdsAuthenticationFailed => 401,
        EGovMobileError.MalformedBody => 400,
        EGovMobileError.BodyTooLarge => 413,
        EGovMobileError.DocumentsChanged => 400,
        EGovMobileError.SignerMismatch => 403,
        EGovMobileError.SignatureRejected => 422,
        _ => 503,
    };

    public static string Text(EGovMobileError error, string language) => (error, language) switch
    {
        (EGovMobileError.SessionNotFound, "kk") => "Қол қою сеансы табылмады.",
        (EGovMobileError.SessionNotFound, "en") => "The signing session was not found.",
        (EGovMobileError.SessionNotFound, _) => "Сеанс подписания не найден.",
        (EGovMobileError.SessionExpired, "kk") => "Қол қою сеансының мерзімі өтті. Жаңа QR-кодты алыңыз.",
        (EGovMobileError.SessionExpired, "en") => "The signing session has expired. Get a new QR code.",
        (EGovMobileError.SessionExpired, _) => "Срок сеанса подписания истёк. Получите новый QR-код.",
        (EGovMobileError.LinkAlreadyUsed, "kk") => "Бұл QR-код немесе сілтеме бұрын пайдаланылған.",
        (EGovMobileError.LinkAlreadyUsed, "en") => "This QR code or link has already been used.",
        (EGovMobileError.LinkAlreadyUsed, _) => "Этот QR-код или ссылка уже использованы.",
        (EGovMobileError.AlreadyAnswered, "kk") => "Құжаттарға қол қойылып қойған.",
        (EGovMobileError.AlreadyAnswered, "en") => "The documents have already been signed.",
        (EGovMobileError.AlreadyAnswered, _) => "Документы уже подписаны.",
        (EGovMobileError.Unauthorized, "kk") => "Рұқсат жоқ: токен жоқ немесе дұрыс емес.",
        (EGovMobileError.Unauthorized, "en") => "Not authorized: the token is missing or wrong.",
        (EGovMobileError.Unauthorized, _) => "Нет доступа: токен отсутствует или неверен.",
        (EGovMobileError.EdsAuthenticationFailed, "kk") => "Рұқсат жоқ: кіру қолтаңбасы қабылданбады.",
        (EGovMobileError.EdsAuthenticationFailed, "en") => "Not authorized: the sign-in signature was not accepted.",
        (EGovMobileError.EdsAuthenticationFailed, _) => "Нет доступа: подпись для входа не принята.",
        (EGovMobileError.MalformedBody, "kk") => "Сұрау дұрыс емес.",
        (EGovMobileError.MalformedBody, "en") => "The request is malformed.",
        (EGovMobileError.MalformedBody, _) => "Некорректный запрос.",
        (EGovMobileError.BodyTooLarge, "kk") => "Сұрау тым үлкен.",
        (EGovMobileError.BodyTooLarge, "en") => "The request is too large.",
        (EGovMobileError.BodyTooLarge, _) => "Слишком большой запрос.",
        (EGovMobileError.DocumentsChanged, "kk") => "Қол қойылған құжаттар жіберілгендерден өзгеше.",
        (EGovMobileError.DocumentsChanged, "en") => "The signed documents differ from the ones sent.",
        (EGovMobileError.DocumentsChanged, _) => "Подписанные документы отличаются от отправленных.",
        (EGovMobileError.SignerMismatch, "kk") => "Қол қоюшы өтініш берушіге сәйкес келмейді.",
        (EGovMobileError.SignerMismatch, "en") => "The signer is not the applicant.",
        (EGovMobileError.SignerMismatch, _) => "Подписант не совпадает с заявителем.",
        (EGovMobileError.SignatureRejected, "kk") => "Қолтаңба қабылданбады.",
        (EGovMobileError.SignatureRejected, "en") => "The signature was not accepted.",
        (EGovMobileError.SignatureRejected, _) => "Подпись не принята.",
        (_, "kk") => "Қолтаңбаны қазір тексеру мүмкін емес. Кейінірек қайталаңыз.",
        (_, "en") => "The signature cannot be checked right now. Try again later.",
        _ => "Подпись сейчас не удаётся проверить. Повторите позже.",
    };

    /// <summary>Picks ru, kk or en from an Accept-Language value (first supported tag by q order); Russian by default.</summary>
    public static string Language(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage) || acceptLanguage.Length > 512)
        {
            return "ru";
        }

        string best = "ru";
        double bestQ = -1;
        foreach (string part in acceptLanguage.Split(','))
        {
            string[] pieces = part.Split(';');
            string tag = pieces[0].Trim().ToUpperInvariant();
            string? language = tag.StartsWith("KK", StringComparison.Ordinal) || tag.StartsWith("KZ", StringComparison.Ordinal) ? "kk"
                : tag.StartsWith("EN", StringComparison.Ordinal) ? "en"
                : tag.StartsWith("RU", StringComparison.Ordinal) ? "ru" : null;
            double q = 1;
            foreach (string parameter in pieces.Skip(1))
            {
                string p = parameter.Trim();
                if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase) && !double.TryParse(p.AsSpan(2), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out q))
                {
                    q = 0;
                }
            }

            if (language is not null && q > bestQ)
            {
                best = language;
                bestQ = q;
            }
        }

        return best;
    }
}
