package dev.strait.screening.list;

/** The formats a list directory may hold; each has its own loader. */
public enum ListKind {
    /** OFAC Specially Designated Nationals, legacy SDN.CSV with ALT, ADD and SDN_COMMENTS companions. */
    OFAC_SDN,
    /** The trade.gov Consolidated Screening List CSV (carries the BIS Entity List), either export format. */
    CONSOLIDATED,
    /** The BIS Denied Persons List, tab-separated with a header. */
    BIS_DPL,
    /** The operator's own blocklist: {@code name,aliases,country,reason}. */
    OPERATOR_BLOCKLIST
}
