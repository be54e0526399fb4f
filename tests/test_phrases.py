"""Cue phrases say why a short block goes, in many languages; they never decide long prose."""
import pytest

from normalizer.phrases import cue_reason, cue_reasons


@pytest.mark.parametrize("line, reason", [
    ("Related articles", "related"),
    ("Lesen Sie auch:", "related"),
    ("À lire aussi", "related"),
    ("Читайте также", "related"),
    ("Czytaj także", "related"),
    ("関連記事", "related"),
    ("Comments (0)", "comment_prompt"),
    ("Leave a Reply", "comment_prompt"),
    ("Deja un comentario", "comment_prompt"),
    ("Subscribe to our evening newsletter to stay informed during these challenging times!!", "newsletter"),
    ("Abonnez-vous à notre newsletter", "newsletter"),
    ("Share on Facebook", "share"),
    ("Teilen", "share"),
    ("© 2024 Zaman Al Wasl. All rights reserved.", "copyright"),
    ("Wszelkie prawa zastrzeżone", "copyright"),
    ("We use cookies to improve your experience on our site.", "cookie"),
    ("Images by Roman Saponkov", "credit"),
    ("Foto: dpa", "credit"),
    ("Anzeige", "advertisement"),
    ("Skip to content", "navigation"),
    ("Latest News:", "ticker"),
    ("Established by Fathi Ibrahim Bayoud 2005 - Homs", "tagline"),
    ("Ver también", "related"),
    ("あわせて読みたい", "related"),
    ("Czytaj też:", "related"),
    ("Dodaj komentarz", "comment_prompt"),
    ("Оставить комментарий", "comment_prompt"),
    ("メールマガジン登録", "newsletter"),
    ("Auf Facebook teilen", "share"),
    ("無断転載を禁じます。", "copyright"),
    ("ここから本文です", "navigation"),  # lynx's skip link, else taken for the headline
    ("Zum Inhalt springen", "navigation"),
    ("Перейти к содержимому", "navigation"),
    ("回到顶部", "navigation"),
    ("Comentários", "comment_prompt"),
    ("Réagir", "comment_prompt"),
    ("Polecamy", "related"),
    ("この記事を読んだ人におすすめ", "related"),
    ("シェアする", "share"),
    ("Newsletter bestellen", "newsletter"),
    ("责任编辑：李四", "credit"),  # the desk editor's name under a Chinese article
    ("Kommentare lesen (1 Beitrag)", "comment_prompt"),
    ("Lire les commentaires", "comment_prompt"),
    ("Version zum Drucken", "share"),
    ("Printer-friendly version", "share"),
    ("Версия для печати", "share"),
    ("Permalink: http://heise.de/-2596987", "share"),
    ("More on this story", "related"),
    ("Discussion about this post", "comment_prompt"),  # Substack's comment box
    ("Like Loading...", "share"),  # WordPress's like button
    ("Was this page helpful?", "form"),
    ("Enviá tu comentario", "comment_prompt"),
    ("Para poder comentar tenés que ingresar con tu usuario de LA NACION.", "comment_prompt"),
    ("Los comentarios publicados son de exclusiva responsabilidad de sus autores.", "comment_prompt"),
    ("Pour commenter, vous devez être connecté.", "comment_prompt"),
])
def test_a_short_boilerplate_line_is_named_by_its_wording(line, reason):
    assert cue_reason(line) == reason


def test_article_sentences_have_no_cue():
    assert cue_reason("The Kremlin previously warned that if the attacks can be traced to US-supported "
                      "forces they would respond in kind.") is None
    assert cue_reason("Sharing the burden of the war fell to the provinces.") is None

@pytest.mark.parametrize("sentence", [
    # sentences that open with the words of a comment link or a comment form's prompt
    "Pour commenter ces résultats, le ministre a réuni la presse jeudi.",
    "Para comentar la situación, el ministro convocó a la prensa.",
    "Leer comentarios en las redes sociales puede afectar la salud mental, según el estudio.",
    "Para poder comentar el informe, el ministerio pidió más tiempo a los autores.",
    "Lire les commentaires sous les vidéos est devenu un passe-temps national.",
    "Kommentare lesen sich oft wie ein Spiegel der Stimmung im Land.",
    "Um zu kommentieren, wie sich die Lage entwickelt, reiste der Minister an.",
    "Los comentarios publicados son analizados por un equipo de expertos.",
    "Vous devez être connecté pour voter lors des prochaines élections.",
])
def test_article_sentences_that_open_like_a_comment_prompt_have_no_cue(sentence):
    assert cue_reason(sentence) is None


def test_a_long_paragraph_that_starts_like_a_cue_is_left_to_the_classifier():
    paragraph = ("Copyright law in the European Union was reshaped in 2019, when the parliament adopted a "
                 "directive that obliges platforms to license the works their users upload, a change that "
                 "publishers had sought for a decade.")
    assert cue_reason(paragraph) is None


def test_a_cue_set_with_no_break_spaces_is_the_same_cue():
    assert cue_reason("Read\u00a0more") == cue_reason("Read more") is not None
    assert cue_reason("Share\u00a0on\u00a0Facebook") == "share"
    assert cue_reason("Read\u2009more") == cue_reason("Read\u202fmore") == cue_reason("Read more")


def test_many_blocks_at_once_agree_with_one_at_a_time():
    lines = ["Related articles", "Putin Will Gladly Visit America If Trump Invites Him", "Post a Comment"]
    assert cue_reasons([line.casefold() for line in lines]) == [cue_reason(line) for line in lines]


@pytest.mark.parametrize("line, reason", [
    # fine print under sign-up forms and affiliate notes (bench pages wcxb/0477, 0228, 4674, 0011)
    ("By signing up, you agree to receive recurring automated SMS marketing messages from Mashable Deals at the number "
     "provided. Msg and data rates may apply. Up to 2 messages/day. Reply STOP to opt out, HELP for help.", "disclaimer"),
    ("By submitting your email to subscribe, you agree to Scicomm Media's Privacy Policy.", "disclaimer"),
    ("We earn commissions from links on our site, enabling us to deliver independent reviews. See our editorial policy.",
     "disclaimer"),
    ("This post contains affiliate links. Click here to read my full disclosure.", "disclaimer"),
    # prose that opens alike is no fine print (a gold paragraph of wcxb/0016)
    ("By providing customers with relevant deals and information, businesses can improve customer loyalty, increase "
     "engagement, and increase the efficacy of marketing.", None),
])
def test_sign_up_fine_print_and_affiliate_notes_are_disclaimers(line, reason):
    assert cue_reason(line) == reason


COOKIE_NOTICE = (  # 93 words, a bench page's (mozilla-readability/medicalnewstoday)
    "We use cookies and similar technologies to improve your browsing experience, personalize content and offers, "
    "show targeted ads, analyze traffic, and better understand you. We may share your information with third-party "
    "partners for marketing purposes. To learn more and make choices about data use, visit our Advertising Policy and "
    "Privacy Policy. By clicking “Accept and Continue” below, (1) you consent to these activities unless and until you "
    "withdraw your consent using our rights request form, and (2) you consent to allow your data to be transferred, "
    "processed, and stored in the United States.")


@pytest.mark.parametrize("line, reason", [
    ("Thanks! Please check your inbox to confirm your subscription.", "newsletter"),
    ("We will only send you Mozilla-related information.", "newsletter"),
    ("Спасибо за подписку!", "newsletter"),
    ("Sorry, we can’t load comments right now. Try again.", "comment_prompt"),
    (COOKIE_NOTICE, "cookie"),
])
def test_subscription_confirmations_comment_errors_and_long_cookie_notices(line, reason):
    assert cue_reason(line) == reason


@pytest.mark.parametrize("line, reason", [
    ("teilen17", "share"), ("tweet0", "share"), ("Share 17", "share"), ("Comments 1,024", "comment_prompt"),
    # only buttons carry counts: a year or a page number after another label is not a button's
    ("Trending 2024", None), ("Home 2", None), ("In 2017", None),
    ("WhatsApp 2.0", None), ("Telegram 10", None), ("Reply 2", None), ("2024", None),
])
def test_a_button_with_its_count_run_in_is_still_the_button(line, reason):
    assert cue_reason(line) == reason


def test_a_sentence_that_opens_like_a_related_label_is_not_one():
    assert cue_reason("More on this topic in the “Processing Strings 109x Faster” post") is None
