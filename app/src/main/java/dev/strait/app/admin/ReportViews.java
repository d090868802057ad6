package dev.strait.app.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.store.report.Reports;
import java.util.List;

/** Reports as JSON and as CSV. Amounts are written as plain decimal strings, never as floats. */
final class ReportViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ReportViews() {}

    static ObjectNode usage(String by, String from, String to, List<Reports.Row> rows) {
        ObjectNode out = JSON.objectNode().put("group_by", by).put("from", from).put("to", to);
        ArrayNode data = out.putArray("data");
        for (Reports.Row r : rows) {
            data.addObject().put(by, r.group()).put("currency", r.currency()).put("requests", r.requests())
                    .put("input_tokens", r.inputTokens()).put("output_tokens", r.outputTokens())
                    .put("revenue", r.revenue().toPlainString())
                    .put("previous_revenue", r.previousRevenue().toPlainString())
                    .put("growth", r.growth() == null ? null : r.growth().toPlainString());
        }
        return out;
    }

    static String usageCsv(String by, List<Reports.Row> rows) {
        StringBuilder csv = new StringBuilder(by + ",currency,requests,input_tokens,output_tokens,revenue,previous_revenue,growth\n");
        for (Reports.Row r : rows) {
            csv.append(field(r.group())).append(',').append(r.currency()).append(',').append(r.requests()).append(',')
                    .append(r.inputTokens()).append(',').append(r.outputTokens()).append(',')
                    .append(r.revenue().toPlainString()).append(',').append(r.previousRevenue().toPlainString())
                    .append(',').append(r.growth() == null ? "" : r.growth().toPlainString()).append('\n');
        }
        return csv.toString();
    }

    static ObjectNode statement(Reports.Statement s) {
        ObjectNode out = JSON.objectNode().put("org", s.orgId()).put("month", s.month().toString())
                .put("currency", s.currency()).put("total", s.total().toPlainString());
        ArrayNode lines = out.putArray("lines");
        for (Reports.Line l : s.lines()) {
            lines.addObject().put("model", l.model()).put("requests", l.requests()).put("input_tokens", l.inputTokens())
                    .put("output_tokens", l.outputTokens()).put("amount", l.amount().toPlainString());
        }
        return out;
    }

    static String statementCsv(Reports.Statement s) {
        StringBuilder csv = new StringBuilder("model,requests,input_tokens,output_tokens,amount,currency\n");
        for (Reports.Line l : s.lines()) {
            csv.append(field(l.model())).append(',').append(l.requests()).append(',').append(l.inputTokens())
                    .append(',').append(l.outputTokens()).append(',').append(l.amount().toPlainString()).append(',')
                    .append(s.currency()).append('\n');
        }
        csv.append("total,,,,").append(s.total().toPlainString()).append(',').append(s.currency()).append('\n');
        return csv.toString();
    }

    /** A CSV field, quoted when it must be. */
    private static String field(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

}
