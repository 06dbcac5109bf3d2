package livesurvey.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The survey page as a respondent sees it: fields found by label, buttons by their text. */
final class SurveyPage {
    final Page page;

    SurveyPage(Page page) {
        this.page = page;
    }

    SurveyPage open(String url) {
        page.navigate(url);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2))).isVisible();
        return this;
    }

    /** The step counter, or the heading of the thank-you / already-submitted screen. */
    Locator heading() {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2));
    }

    Locator field(String label) {
        return page.getByLabel(label);
    }

    Locator button(String text) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(text).setExact(true));
    }

    Locator saveStatus() {
        return page.getByRole(AriaRole.STATUS);
    }

    /** The announced problem box: a refused step's summary, or an offline notice. */
    Locator alert() {
        return page.getByRole(AriaRole.ALERT);
    }

    SurveyPage fill(String label, String text) {
        field(label).fill(text);
        return this;
    }

    /** Types key by key, as a person does (keyup events and all). */
    SurveyPage type(String label, String text) {
        field(label).pressSequentially(text);
        return this;
    }

    SurveyPage select(String label, String option) {
        field(label).selectOption(option);
        return this;
    }

    SurveyPage tick(String label) {
        field(label).check();
        return this;
    }

    SurveyPage next() {
        button("Next").click();
        return this;
    }

    SurveyPage expectStep(int n) {
        assertThat(heading()).hasText("Step " + n + " of 4");
        return this;
    }

    /** The message the field's description carries (aria-describedby), e.g. its error. */
    void expectMessage(String label, String message) {
        assertThat(field(label)).hasAccessibleDescription(containing(message));
    }

    /** A pattern finding the text anywhere, escaped by hand: Playwright runs it as a JavaScript regex. */
    static Pattern containing(String text) {
        return Pattern.compile(text.replaceAll("[\\\\^$.|?*+()\\[\\]{}/-]", "\\\\$0"));
    }

    SurveyPage expectSaved() {
        assertThat(saveStatus()).hasText("Saved");
        return this;
    }

    /** Steps 1-3 answered validly, landing on step 4. */
    SurveyPage answerFirstThreeSteps(String name, String email) {
        fill("Name", name).fill("Email", email).next().expectStep(2);
        select("Age", "34").fill("About me", "I like maps.").next().expectStep(3);
        fill("Address", "1 Main Street").tick("Female").next().expectStep(4);
        return this;
    }

    /** Whether anything sticks out sideways (a phone user would have to scroll across). */
    boolean scrollsSideways() {
        return (Boolean) page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
    }
}
