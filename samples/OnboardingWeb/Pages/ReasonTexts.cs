using System.Globalization;
using Kz.MicroCredit.Identity;

namespace OnboardingWeb.Pages;

/// <summary>
/// A rejection explained in plain words, per reason code, in the three languages. Codes that only say "a requirement
/// was not met" are dropped when a method says why; unknown codes fall back to a sentence quoting the code, so staff
/// can still match what the borrower saw to the evidence report.
/// </summary>
public static class ReasonTexts
{
    private static readonly string[] Fallback =
    [
        "Одна из проверок не пройдена (код {0}).",
        "Тексерулердің бірінен өтпеді ({0} коды).",
        "One of the checks did not pass (code {0}).",
    ];

    private static readonly Dictionary<string, string[]> Table = new(StringComparer.Ordinal)
    {
        [ReasonCode.PhoneRegisteredToAnotherIin.ToString()] = [
            "Номер телефона зарегистрирован у оператора на другого человека. Укажите номер, оформленный на ваш ИИН.",
            "Телефон нөмірі операторда басқа адамға тіркелген. Өз ЖСН-ыңызға рәсімделген нөмірді көрсетіңіз.",
            "The mobile operator has this phone number registered to someone else. Please use a number registered to your own IIN."],
        [ReasonCode.PhoneNotRegisteredToIin.ToString()] = [
            "Номер телефона не зарегистрирован на ваш ИИН.",
            "Телефон нөмірі сіздің ЖСН-ға тіркелмеген.",
            "The phone number is not registered to your IIN."],
        [ReasonCode.PhoneNotRegistered.ToString()] = [
            "Этот номер не найден в базе мобильных операторов. Оформите номер на себя у оператора.",
            "Бұл нөмір ұялы байланыс операторларының дерекқорында табылмады. Нөмірді операторда өзіңізге рәсімдеңіз.",
            "This number is not in the mobile operators' database. Have the number registered to you by your operator."],
        [ReasonCode.BiometricNoMatch.ToString()] = [
            "Фото с камеры не совпало с вашей фотографией в государственной базе.",
            "Камерадан түсірілген фото мемлекеттік дерекқордағы суретіңізбен сәйкес келмеді.",
            "The camera photo did not match your photo in the state database."],
        [ReasonCode.BiometricScoreBelowThreshold.ToString()] = [
            "Сходство фото с вашей фотографией в государственной базе недостаточное. Снимитесь при хорошем свете, без очков и головного убора.",
            "Фотоның мемлекеттік дерекқордағы суретіңізге ұқсастығы жеткіліксіз. Жақсы жарықта, көзілдіріксіз және бас киімсіз түсіңіз.",
            "The photo is not similar enough to your photo in the state database. Take it in good light, without glasses or a hat."],
        [ReasonCode.BiometricLivenessFailed.ToString()] = [
            "Проверка «живого» присутствия не пройдена: снимайтесь сами, не фотографируйте экран или распечатку.",
            "«Тірі» қатысуды тексеру өтпеді: өзіңізді түсіріңіз, экранды немесе басып шығарылған суретті түсірмеңіз.",
            "The liveness check failed: take the photo of yourself, not of a screen or a printed picture."],
        [ReasonCode.BiometricReferenceNotFound.ToString()] = [
            "В государственной базе нет вашей фотографии для сравнения. Обратитесь в ЦОН.",
            "Мемлекеттік дерекқорда салыстыруға арналған суретіңіз жоқ. ХҚКО-ға жүгініңіз.",
            "The state database has no photo of you to compare with. Please visit a public service centre (CON)."],
        [ReasonCode.FaceNoMatch.ToString()] = [
            "Лицо на снимке не совпало с эталонной фотографией.",
            "Суреттегі бет эталондық суретпен сәйкес келмеді.",
            "The face in the photo did not match the reference photo."],
        [ReasonCode.LivenessFailed.ToString()] = [
            "Проверка «живого» присутствия не пройдена: выполните действия на экране сами, при хорошем свете.",
            "«Тірі» қатысуды тексеру өтпеді: экрандағы әрекеттерді жақсы жарықта өзіңіз орындаңыз.",
            "The liveness check failed: do the actions shown on the screen yourself, in good light."],
        [ReasonCode.LivenessInjectionDetected.ToString()] = [
            "Изображение пришло не с настоящей камеры (виртуальная камера или подмена видеопотока).",
            "Кескін нағыз камерадан келмеді (виртуалды камера немесе бейне ағынын ауыстыру).",
            "The picture did not come from a real camera (a virtual camera or a replaced video stream)."],
        [ReasonCode.CertificateRevoked.ToString()] = [
            "Ваш ключ ЭЦП отозван. Получите новый ключ в НУЦ РК (pki.gov.kz или eGov mobile).",
            "ЭЦҚ кілтіңіз кері қайтарылған. ҚР ҰКО-дан жаңа кілт алыңыз (pki.gov.kz немесе eGov mobile).",
            "Your EDS key has been revoked. Get a new key from the NCA (pki.gov.kz or eGov mobile)."],
        [ReasonCode.CertificateExpired.ToString()] = [
            "Срок действия вашего ключа ЭЦП истёк. Получите новый ключ в НУЦ РК.",
            "ЭЦҚ кілтіңіздің мерзімі өтіп кеткен. ҚР ҰКО-дан жаңа кілт алыңыз.",
            "Your EDS key has expired. Get a new key from the NCA."],
        [ReasonCode.CertificateUntrusted.ToString()] = [
            "Ключ ЭЦП выпущен не НУЦ РК. Подпишите ключом НУЦ РК.",
            "ЭЦҚ кілтін ҚР ҰКО шығармаған. ҚР ҰКО кілтімен қол қойыңыз.",
            "The EDS key was not issued by the National Certification Authority. Please sign with an NCA key."],
        [ReasonCode.SignatureInvalid.ToString()] = [
            "Подпись не прошла проверку. Подпишите запрос ещё раз.",
            "Қолтаңба тексеруден өтпеді. Сұранысқа қайта қол қойыңыз.",
            "The signature could not be verified. Please sign the request again."],
        [ReasonCode.IinMismatch.ToString()] = [
            "ИИН в ключе ЭЦП или в ответе сервиса не совпадает с ИИН, который вы ввели.",
            "ЭЦҚ кілтіндегі немесе сервис жауабындағы ЖСН сіз енгізген ЖСН-мен сәйкес келмейді.",
            "The IIN in the EDS key or in a service's answer is not the IIN you entered."],
        [ReasonCode.ChallengeInvalid.ToString()] = [
            "Запрос на подпись устарел или уже использован. Начните заново.",
            "Қол қоюға арналған сұраныстың мерзімі өткен немесе ол пайдаланылған. Қайта бастаңыз.",
            "The request you signed has expired or was already used. Please start again."],
        [ReasonCode.OtpInvalid.ToString()] = [
            "Код из SMS введён неверно.",
            "SMS-тегі код қате енгізілді.",
            "The SMS code was wrong."],
        [ReasonCode.OtpExpired.ToString()] = [
            "Срок действия кода из SMS истёк.",
            "SMS-тегі кодтың мерзімі өтті.",
            "The SMS code has expired."],
        [ReasonCode.AttemptsExhausted.ToString()] = [
            "Исчерпано число попыток. Начните заново позже.",
            "Әрекеттер саны таусылды. Кейінірек қайта бастаңыз.",
            "No attempts are left. Please start again later."],
        [ReasonCode.EvidenceMissing.ToString()] = [
            "Не пройден один из обязательных шагов проверки.",
            "Тексерудің міндетті қадамдарының бірі өтпеді.",
            "One of the required checking steps was not completed."],
    };

    private static readonly HashSet<string> PolicyLevel = new(StringComparer.Ordinal)
    {
        ReasonCode.RequirementNotMet.ToString(),
        ReasonCode.VetoFound.ToString(),
    };

    /// <summary>Gets whether a code has its own explanation (not the fallback).</summary>
    /// <param name="code">The reason code.</param>
    /// <returns>Whether it is explained.</returns>
    public static bool IsExplained(string code) => Table.ContainsKey(code);

    /// <summary>Gets the plain-words explanations of a rejection, one per distinct code, method reasons first.</summary>
    /// <param name="codes">The reason codes (method reasons, then decision reasons).</param>
    /// <param name="lang">The language.</param>
    /// <returns>The sentences.</returns>
    public static IReadOnlyList<string> Explain(IEnumerable<string> codes, Lang lang)
    {
        List<string> distinct = codes.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Any(c => !PolicyLevel.Contains(c)))
        {
            distinct.RemoveAll(PolicyLevel.Contains);
        }

        return distinct
            .Select(c => Table.TryGetValue(c, out string[]? texts)
                ? texts[(int)lang]
                : string.Format(CultureInfo.InvariantCulture, Fallback[(int)lang], c))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
