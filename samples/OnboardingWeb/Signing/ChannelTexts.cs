using OnboardingWeb.Pages;

namespace OnboardingWeb.Signing;

/// <summary>The borrower-facing sentences of the eGov mobile and NCALayer sections (ru, kk, en), kept with the channels.</summary>
internal static class ChannelTexts
{
    private static readonly Dictionary<string, string[]> Table = new(StringComparer.Ordinal)
    {
        ["egov.title"] = ["eGov mobile: QR-код или ссылка", "eGov mobile: QR-код немесе сілтеме", "eGov mobile: QR code or link"],
        ["egov.hint"] = [
            "Отсканируйте QR-код в приложении eGov mobile (раздел «Подписать QR») или откройте приложение кнопкой на этом телефоне.",
            "QR-кодты eGov mobile қосымшасында сканерлеңіз («QR арқылы қол қою» бөлімі) немесе осы телефондағы батырмамен қосымшаны ашыңыз.",
            "Scan the QR code in the eGov mobile app (\"Sign by QR\") or open the app with the button on this phone."],
        ["egov.qr.alt"] = ["QR-код для подписи в eGov mobile", "eGov mobile арқылы қол қоюға арналған QR-код", "QR code to sign in eGov mobile"],
        ["egov.open"] = ["Открыть eGov mobile", "eGov mobile ашу", "Open eGov mobile"],
        ["egov.open.business"] = ["Открыть eGov Business", "eGov Business ашу", "Open eGov Business"],
        ["egov.loading"] = ["Готовим QR-код…", "QR-код дайындалуда…", "Preparing the QR code…"],
        ["egov.waiting"] = ["Ждём подпись из приложения…", "Қосымшадан қолтаңба күтілуде…", "Waiting for the signature from the app…"],
        ["egov.accepted"] = ["Подпись получена и проверена. Продолжаем…", "Қолтаңба алынды және тексерілді. Жалғастырамыз…", "Signature received and checked. Continuing…"],
        ["egov.rejected"] = ["Подпись не принята: отказано.", "Қолтаңба қабылданбады: бас тартылды.", "The signature was not accepted: rejected."],
        ["egov.rejected.iin"] = [
            "Подпись не принята: документ подписан ключом другого человека (ИИН не совпадает). В заявке отказано.",
            "Қолтаңба қабылданбады: құжатқа басқа адамның кілтімен қол қойылған (ЖСН сәйкес келмейді). Өтінім қабылданбады.",
            "The signature was not accepted: it was made with another person's key (the IIN differs). The application is rejected."],
        ["egov.expired"] = ["Время для подписи истекло. Обновите страницу, чтобы получить новый QR-код.", "Қол қою уақыты өтті. Жаңа QR-код алу үшін бетті жаңартыңыз.", "The time to sign has run out. Reload the page for a new QR code."],
        ["egov.failed"] = ["Не удалось подготовить подпись через eGov mobile. Попробуйте другой способ.", "eGov mobile арқылы қол қоюды дайындау мүмкін болмады. Басқа тәсілді қолданыңыз.", "Signing with eGov mobile could not be prepared. Try another way."],
        ["nca.title"] = ["NCALayer на компьютере", "Компьютердегі NCALayer", "NCALayer on a computer"],
        ["nca.hint"] = [
            "Запустите NCALayer, нажмите кнопку и выберите свой ключ ЭЦП (файл или токен).",
            "NCALayer іске қосыңыз, батырманы басып, ЭЦҚ кілтіңізді таңдаңыз (файл немесе токен).",
            "Start NCALayer, press the button and pick your EDS key (file or token)."],
        ["nca.sign.cms"] = ["Подписать в NCALayer", "NCALayer арқылы қол қою", "Sign in NCALayer"],
        ["nca.sign.xml"] = ["Подписать в NCALayer (XML)", "NCALayer арқылы қол қою (XML)", "Sign in NCALayer (XML)"],
        ["nca.working"] = ["Ждём NCALayer: выберите ключ и введите пароль в его окне…", "NCALayer күтілуде: оның терезесінде кілтті таңдап, құпиясөзді енгізіңіз…", "Waiting for NCALayer: pick your key and enter its password in its window…"],
        ["nca.notRunning"] = [
            "NCALayer не запущен или недоступен. Запустите NCALayer и нажмите кнопку ещё раз — или подпишите через eGov mobile.",
            "NCALayer іске қосылмаған немесе қолжетімсіз. NCALayer іске қосып, батырманы қайта басыңыз — немесе eGov mobile арқылы қол қойыңыз.",
            "NCALayer is not running or cannot be reached. Start NCALayer and press the button again, or sign with eGov mobile."],
        ["nca.cancelled"] = ["Подпись отменена. Нажмите кнопку ещё раз, когда будете готовы.", "Қол қою тоқтатылды. Дайын болғанда батырманы қайта басыңыз.", "Signing was cancelled. Press the button again when you are ready."],
        ["nca.error"] = ["NCALayer вернул ошибку. Попробуйте ещё раз.", "NCALayer қате қайтарды. Қайталап көріңіз.", "NCALayer returned an error. Try again."],
    };

    public static string Get(string key, Lang lang) => Table[key][(int)lang];
}
