using System.Globalization;

namespace OnboardingWeb.Pages;

/// <summary>
/// Every borrower-facing sentence in Russian, Kazakh and English. Kept in one table (not .resx) so a translator sees the
/// three languages side by side; a missing key throws at start-up in the tests, never shows a blank.
/// </summary>
public static class Texts
{
    private static readonly Dictionary<string, string[]> Table = new(StringComparer.Ordinal)
    {
        ["app.title"] = ["Онлайн-микрокредит: подтверждение личности", "Онлайн микрокредит: жеке басты растау", "Online microcredit: identity check"],
        ["app.lender"] = ["МФО «Sandbox»", "«Sandbox» МҚҰ", "Sandbox MFO"],
        ["lang.label"] = ["Язык", "Тіл", "Language"],
        ["sandbox.banner"] = [
            "Песочница: все сервисы смоделированы, реальные данные никуда не отправляются.",
            "Құмсалғыш: барлық сервистер модельденген, нақты деректер ешқайда жіберілмейді.",
            "Sandbox: every service is simulated; no real data leaves this machine."],
        ["step"] = ["Шаг {0} из {1}", "{0}-қадам, барлығы {1}", "Step {0} of {1}"],
        ["start.heading"] = ["Подтвердите свою личность", "Жеке басыңызды растаңыз", "Confirm your identity"],
        ["start.intro"] = [
            "Чтобы получить микрокредит онлайн, нужно подтвердить, что заявку подаёте именно вы. Это займёт несколько минут: проверка номера телефона, подпись ЭЦП, фото с камеры и код из SMS.",
            "Микрокредитті онлайн алу үшін өтінімді дәл сіз беріп отырғаныңызды растау қажет. Бұл бірнеше минутқа созылады: телефон нөмірін тексеру, ЭЦҚ қолтаңбасы, камерадан фото және SMS-тегі код.",
            "To get a microcredit online we need to confirm that it is really you applying. It takes a few minutes: a phone number check, an EDS signature, a camera photo and an SMS code."],
        ["start.iin"] = ["ИИН", "ЖСН", "IIN (individual identification number)"],
        ["start.iin.hint"] = ["12 цифр, как в удостоверении личности", "Жеке куәліктегідей 12 цифр", "12 digits, as on your ID card"],
        ["start.phone"] = ["Номер мобильного телефона", "Ұялы телефон нөмірі", "Mobile phone number"],
        ["start.phone.hint"] = ["Например, +7 701 123 45 67", "Мысалы, +7 701 123 45 67", "For example, +7 701 123 45 67"],
        ["start.submit"] = ["Продолжить", "Жалғастыру", "Continue"],
        ["start.iin.invalid"] = [
            "ИИН введён неверно: проверьте все 12 цифр.",
            "ЖСН қате енгізілген: барлық 12 цифрды тексеріңіз.",
            "This IIN is not valid: check all 12 digits."],
        ["start.phone.invalid"] = [
            "Это не похоже на казахстанский мобильный номер, например +7 701 123 45 67.",
            "Бұл қазақстандық ұялы нөмірге ұқсамайды, мысалы +7 701 123 45 67.",
            "This does not look like a Kazakhstan mobile number, for example +7 701 123 45 67."],
        ["start.errors"] = ["Исправьте, пожалуйста:", "Түзетіңіз:", "Please correct:"],
        ["sandbox.panel"] = ["Песочница: сценарий", "Құмсалғыш: сценарий", "Sandbox: scenario"],
        ["sandbox.panel.hint"] = [
            "Видно только в песочнице. Подойдёт любой верный ИИН.",
            "Тек құмсалғышта көрінеді. Кез келген дұрыс ЖСН жарайды.",
            "Shown in the sandbox only. Any valid IIN works."],
        ["phone.heading"] = ["Проверка номера телефона", "Телефон нөмірін тексеру", "Phone number check"],
        ["phone.intro"] = [
            "Мы проверим по базе мобильных операторов (через шлюз электронного правительства), что номер {0} зарегистрирован на ваш ИИН.",
            "Электрондық үкімет шлюзі арқылы ұялы байланыс операторларының дерекқорынан {0} нөмірі сіздің ЖСН-ға тіркелгенін тексереміз.",
            "We will check with the mobile operators' database (through the e-government gateway) that the number {0} is registered to your IIN."],
        ["phone.submit"] = ["Проверить номер", "Нөмірді тексеру", "Check my number"],
        ["eds.heading"] = ["Подпись ЭЦП", "ЭЦҚ қолтаңбасы", "Sign with your digital signature (EDS)"],
        ["eds.intro"] = [
            "Номер подтверждён. Теперь подпишите одноразовый запрос своим ключом ЭЦП НУЦ РК: подпись показывает, что ключ принадлежит вам.",
            "Нөмір расталды. Енді бір реттік сұранысқа ҚР ҰКО ЭЦҚ кілтіңізбен қол қойыңыз: қолтаңба кілттің сізге тиесілі екенін көрсетеді.",
            "Your number is confirmed. Now sign a one-time request with your key from the National Certification Authority (NCA): the signature shows the key is yours."],
        ["eds.what"] = ["Что вы подписываете", "Сіз неге қол қоясыз", "What you are signing"],
        ["eds.what.text"] = [
            "Запрос № {0} на подтверждение личности, действует до {1} (UTC). Он ничего не оплачивает и не заключает договор.",
            "Жеке басты растауға арналған № {0} сұраныс, {1} (UTC) дейін жарамды. Ол ештеңе төлемейді және шарт жасамайды.",
            "Identity confirmation request No. {0}, valid until {1} (UTC). It pays nothing and signs no agreement."],
        ["eds.channel"] = ["Способ подписи", "Қол қою тәсілі", "How to sign"],
        ["eds.channel.sandbox"] = ["Тестовый ключ песочницы", "Құмсалғыштың сынақ кілті", "Sandbox test key"],
        ["eds.channel.egov"] = ["eGov mobile (QR-код)", "eGov mobile (QR-код)", "eGov mobile (QR code)"],
        ["eds.channel.ncalayer"] = ["NCALayer на компьютере", "Компьютердегі NCALayer", "NCALayer on a computer"],
        ["eds.channel.unavailable"] = ["пока недоступно", "әзірге қолжетімсіз", "not available yet"],
        ["eds.sandbox.hint"] = [
            "В песочнице сервер подписывает запрос тестовым ключом, выпущенным на ваш ИИН тестовым удостоверяющим центром. В рабочей версии подписывает сам заёмщик: в eGov mobile или NCALayer.",
            "Құмсалғышта сервер сұранысқа сынақ куәландырушы орталығы сіздің ЖСН-ға шығарған сынақ кілтімен қол қояды. Жұмыс нұсқасында қарыз алушының өзі қол қояды: eGov mobile немесе NCALayer арқылы.",
            "In the sandbox the server signs with a test key that a test certification authority issued to your IIN. In production the borrower signs: in eGov mobile or NCALayer."],
        ["eds.sandbox.sign"] = ["Подписать как заёмщик (песочница)", "Қарыз алушы ретінде қол қою (құмсалғыш)", "Sign as the borrower (sandbox)"],
        ["eds.ncalayer.sign"] = ["Подписать в NCALayer", "NCALayer арқылы қол қою", "Sign in NCALayer"],
        ["camera.heading"] = ["Фото в реальном времени", "Нақты уақыттағы фото", "Live photo"],
        ["camera.intro"] = [
            "Включите камеру, посмотрите в неё и выполните действия ниже, затем сделайте снимок. Фото сверяется с вашей фотографией в государственной базе (биометрия ЦОИД) и проверяется на «живое» присутствие.",
            "Камераны қосып, оған қарап, төмендегі әрекеттерді орындаңыз, содан кейін суретке түсіңіз. Фото мемлекеттік дерекқордағы суретіңізбен салыстырылады (ЦОИД биометриясы) және «тірі» қатысуға тексеріледі.",
            "Turn on the camera, look into it and do what is asked below, then take the photo. It is compared with your photo in the state database (CEID biometrics) and checked for a live presence."],
        ["camera.commands"] = ["Что сделать", "Не істеу керек", "What to do"],
        ["camera.start"] = ["Включить камеру", "Камераны қосу", "Turn on the camera"],
        ["camera.capture"] = ["Сделать снимок", "Суретке түсіру", "Take the photo"],
        ["camera.retake"] = ["Переснять", "Қайта түсіру", "Retake"],
        ["camera.send"] = ["Отправить фото", "Фотоны жіберу", "Send the photo"],
        ["camera.video"] = ["Изображение с камеры", "Камерадан кескін", "Camera preview"],
        ["camera.preview"] = ["Сделанный снимок", "Түсірілген сурет", "The photo taken"],
        ["camera.denied"] = [
            "Нет доступа к камере. Разрешите доступ в настройках браузера и обновите страницу.",
            "Камераға қолжетімділік жоқ. Браузер баптауларында рұқсат беріп, бетті жаңартыңыз.",
            "No camera access. Allow it in your browser settings and reload the page."],
        ["camera.nophoto"] = ["Сначала сделайте снимок.", "Алдымен суретке түсіңіз.", "Take the photo first."],
        ["cmd.TurnLeft"] = ["Поверните голову влево", "Басыңызды солға бұрыңыз", "Turn your head to the left"],
        ["cmd.TurnRight"] = ["Поверните голову вправо", "Басыңызды оңға бұрыңыз", "Turn your head to the right"],
        ["cmd.Blink"] = ["Моргните", "Көзіңізді жыпылықтатыңыз", "Blink"],
        ["cmd.Smile"] = ["Улыбнитесь", "Күлімсіреңіз", "Smile"],
        ["cmd.Nod"] = ["Кивните", "Басыңызды изеңіз", "Nod"],
        ["cmd.OpenMouth"] = ["Откройте рот", "Аузыңызды ашыңыз", "Open your mouth"],
        ["cmd.LookUp"] = ["Посмотрите вверх", "Жоғары қараңыз", "Look up"],
        ["cmd.LookDown"] = ["Посмотрите вниз", "Төмен қараңыз", "Look down"],
        ["otp.heading"] = ["Код из SMS", "SMS-тегі код", "Code from the SMS"],
        ["otp.intro"] = [
            "Мы отправили код на номер {0}. Введите его, чтобы подтвердить, что телефон у вас в руках.",
            "{0} нөміріне код жібердік. Телефон қолыңызда екенін растау үшін оны енгізіңіз.",
            "We sent a code to {0}. Enter it to confirm the phone is in your hands."],
        ["otp.code"] = ["Код из SMS", "SMS-тегі код", "SMS code"],
        ["otp.submit"] = ["Подтвердить", "Растау", "Confirm"],
        ["otp.sandbox"] = [
            "Песочница: SMS не отправляется. Код, который получил бы заёмщик:",
            "Құмсалғыш: SMS жіберілмейді. Қарыз алушы алатын код:",
            "Sandbox: no SMS is sent. The code the borrower would receive:"],
        ["decision.ok.heading"] = ["Личность подтверждена", "Жеке басыңыз расталды", "Your identity is confirmed"],
        ["decision.ok.text"] = [
            "Спасибо! Можно переходить к подписанию договора микрокредита.",
            "Рақмет! Микрокредит шартына қол қоюға өтуге болады.",
            "Thank you! You can go on to sign the microcredit agreement."],
        ["decision.no.heading"] = ["Не удалось подтвердить личность", "Жеке басыңызды растау мүмкін болмады", "We could not confirm your identity"],
        ["decision.no.text"] = ["Что пошло не так:", "Не дұрыс болмады:", "What went wrong:"],
        ["decision.reference"] = [
            "Номер проверки: {0}. Если вы считаете, что это ошибка, назовите его службе поддержки.",
            "Тексеру нөмірі: {0}. Егер бұл қате деп ойласаңыз, оны қолдау қызметіне айтыңыз.",
            "Check number: {0}. If you think this is a mistake, quote it to our support team."],
        ["restart"] = ["Начать заново", "Қайта бастау", "Start again"],
        ["later.heading"] = ["Сервис временно недоступен", "Сервис уақытша қолжетімсіз", "The service is temporarily unavailable"],
        ["later.text"] = [
            "Один из сервисов проверки сейчас не отвечает. Это не отказ: ваша заявка не отклонена. Попробуйте ещё раз через несколько минут.",
            "Тексеру сервистерінің бірі қазір жауап бермей тұр. Бұл бас тарту емес: өтініміңіз қабылданбады деген сөз емес. Бірнеше минуттан кейін қайталап көріңіз.",
            "One of the checking services is not answering right now. This is not a refusal: your application has not been turned down. Please try again in a few minutes."],
        ["later.retry"] = ["Попробовать снова", "Қайталап көру", "Try again"],
        ["expired.heading"] = ["Сессия не найдена", "Сессия табылмады", "Session not found"],
        ["expired.text"] = [
            "Сессия не найдена или её срок истёк. Начните заново.",
            "Сессия табылмады немесе оның мерзімі өтті. Қайта бастаңыз.",
            "This session was not found or has expired. Please start again."],
        ["footer"] = [
            "Пример интеграции Kz.MicroCredit.Identity. Не используйте его для выдачи реальных займов без доработки.",
            "Kz.MicroCredit.Identity біріктіру мысалы. Нақты қарыз беру үшін пысықтаусыз пайдаланбаңыз.",
            "A Kz.MicroCredit.Identity integration sample. Do not issue real loans with it as it is."],
    };

    /// <summary>Gets every key, for the completeness test.</summary>
    public static IEnumerable<string> Keys => Table.Keys;

    /// <summary>Gets a text.</summary>
    /// <param name="key">The key.</param>
    /// <param name="lang">The language.</param>
    /// <returns>The text.</returns>
    /// <exception cref="KeyNotFoundException">The key is not in the table.</exception>
    public static string Get(string key, Lang lang) =>
        Table.TryGetValue(key, out string[]? texts) ? texts[(int)lang] : throw new KeyNotFoundException("No text with the key " + key + ".");

    /// <summary>Gets a text with placeholders filled.</summary>
    /// <param name="key">The key.</param>
    /// <param name="lang">The language.</param>
    /// <param name="args">The values.</param>
    /// <returns>The text.</returns>
    public static string Format(string key, Lang lang, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(key, lang), args);

    /// <summary>Gets whether a key exists.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether it exists.</returns>
    public static bool Has(string key) => Table.ContainsKey(key);
}
