package dev.strait.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RoutePermissionsTest {

    static Permission needs(HttpMethod method, String path) {
        return RoutePermissions.required(method, path.substring(1).split("/"));
    }

    @Test
    void financeReadsUsageAndReportsOnly() {
        assertThat(Role.FINANCE.may(needs(HttpMethod.GET, "/admin/usage/series"))).isTrue();
        assertThat(Role.FINANCE.may(needs(HttpMethod.GET, "/admin/reports/usage"))).isTrue();
        assertThat(Role.FINANCE.may(needs(HttpMethod.GET, "/admin/orgs"))).isFalse();
        assertThat(Role.FINANCE.may(needs(HttpMethod.GET, "/admin/audit"))).isFalse();
        assertThat(Role.FINANCE.may(needs(HttpMethod.POST, "/admin/keys"))).isFalse();
    }

    @Test
    void complianceReadsTheTrustPlaneAndDecidesReviewsButChangesNoCustomer() {
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.GET, "/admin/orgs/org_1"))).isTrue();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.GET, "/admin/monitor/verdicts"))).isTrue();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.POST, "/admin/provenance/search"))).isTrue();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.GET, "/admin/audit/verify"))).isTrue();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.POST, "/admin/monitor/cases/case_1/decision"))).isTrue();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.POST, "/admin/screening/scr_1/resolve"))).isTrue();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.POST, "/admin/orgs/org_1/state"))).isFalse();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.POST, "/admin/keys/key_1/revoke"))).isFalse();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.DELETE, "/admin/provenance/orgs/org_1"))).isFalse();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.POST, "/admin/screening/reload"))).isFalse();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.GET, "/admin/reports/usage"))).isFalse();
    }

    @Test
    void aRouteNobodyPlacedInTheTableIsTheAdminsAlone() {
        assertThat(needs(HttpMethod.GET, "/admin/operators")).isEqualTo(Permission.MANAGE);
        assertThat(needs(HttpMethod.GET, "/admin/something-new")).isEqualTo(Permission.MANAGE);
        assertThat(Role.ADMIN.may(needs(HttpMethod.GET, "/admin/something-new"))).isTrue();
        assertThat(Role.COMPLIANCE.may(needs(HttpMethod.GET, "/admin/something-new"))).isFalse();
    }
}
