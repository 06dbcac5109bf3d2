package livesurvey.browser;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * An accessibility audit of the page as it stands, with axe-core's WCAG 2.1 A and AA rules. A page
 * state is checked the moment a person could see it, so a regression in markup, labels or contrast
 * fails the build with the rule, the nodes and how to fix them.
 */
public final class Axe {
    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private Axe() {
    }

    /** Fails, listing every violation, unless axe finds none on the page. */
    public static void check(Page page, String stateName) {
        AxeResults results = new AxeBuilder(page).withTags(WCAG_21_AA).analyze();
        if (results.isErrored()) {
            fail("axe-core could not audit " + stateName + ": " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations();
        if (!violations.isEmpty()) {
            fail("Accessibility violations on " + stateName + " (" + page.url() + "):\n"
                    + violations.stream().map(Axe::describe).collect(Collectors.joining("\n")));
        }
    }

    private static String describe(Rule rule) {
        return "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " " + rule.getHelpUrl()
                + rule.getNodes().stream().map(Axe::describe).collect(Collectors.joining());
    }

    private static String describe(CheckedNode node) {
        return "\n    " + node.getTarget() + "  " + abbreviate(node.getHtml())
                + "\n      " + String.valueOf(node.getFailureSummary()).replace("\n", "\n      ");
    }

    private static String abbreviate(String html) {
        return html == null || html.length() <= 160 ? html : html.substring(0, 157) + "…";
    }
}
