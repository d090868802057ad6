package dev.strait.bench.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plausible company names that are on no list: Chinese (romanised and in Chinese script), European
 * (German, French, Italian, Spanish, Dutch, Nordic, Polish) and American, built from our own word lists.
 * A screener flagging these is a false positive.
 */
final class CleanNames {

    record Clean(String name, String country) {}

    private static final String[] CN_CITIES = {"Shenzhen", "Shanghai", "Beijing", "Guangzhou", "Hangzhou", "Suzhou",
        "Ningbo", "Xiamen", "Qingdao", "Chengdu", "Wuhan", "Nanjing", "Dongguan", "Foshan", "Hefei", "Changsha"};
    private static final String[] CN_CITIES_HAN = {"深圳", "上海", "北京", "广州", "杭州", "苏州", "宁波", "厦门", "青岛", "成都",
        "武汉", "南京", "东莞", "佛山", "合肥", "长沙"};
    private static final String[] CN_BRAND = {"Xinrui", "Hengtai", "Jiada", "Ruifeng", "Yuanxin", "Shengda", "Kaiyuan",
        "Huaxing", "Baiyun", "Mingyang", "Tianrui", "Jinlong", "Haichuan", "Lianda", "Zhongke", "Yongsheng", "Dingxin",
        "Boyuan", "Chuangyi", "Fuhua", "Guanghe", "Hongli", "Jiahe", "Kangtai", "Longxiang", "Meida", "Nuoya", "Qiming",
        "Runze", "Sanhe", "Tongda", "Weiye", "Xiangyu", "Yida", "Zhengtai", "Anke", "Beisheng", "Chenguang", "Dongfang",
        "Feiyang", "Gaoke", "Haoyun", "Jingcheng", "Kunlun", "Lvyuan", "Minghui", "Puhua", "Qianyi", "Ruida", "Shunfa"};
    private static final String[] CN_BRAND_HAN = {"新锐", "恒泰", "佳达", "瑞丰", "源鑫", "盛达", "开元", "华星", "白云", "明阳",
        "天瑞", "金龙", "海川", "联达", "永盛", "鼎鑫", "博源", "创意", "富华", "广和", "宏利", "嘉禾", "康泰", "龙翔", "美达",
        "诺亚", "启明", "润泽", "三和", "通达", "伟业", "翔宇", "亿达", "正泰"};
    private static final String[] CN_TRADE = {"Technology", "Electronics", "Trading", "Industrial", "Machinery",
        "New Materials", "Biotechnology", "Logistics", "Information Technology", "Optoelectronics", "Precision Instruments",
        "Import and Export", "Software", "Intelligent Equipment", "Environmental Technology", "Textile", "Packaging"};
    private static final String[] CN_TRADE_HAN = {"科技", "电子", "贸易", "实业", "机械", "新材料", "生物科技", "物流", "信息技术",
        "光电", "精密仪器", "进出口", "软件", "智能设备", "环保科技", "纺织", "包装"};
    private static final String[] CN_FORM = {"Co., Ltd.", "Co., Ltd", "Company Limited", "Co. Ltd.", "Group Co., Ltd."};
    private static final String[] CN_FORM_HAN = {"有限公司", "股份有限公司", "有限责任公司", "集团有限公司"};

    private static final String[][] EU_SURNAMES = {
        {"Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein",
            "Wolf", "Schröder", "Neumann", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause"},
        {"Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Bonnet", "Rousseau", "Fournier", "Mercier", "Lambert",
            "Fontaine", "Chevalier", "Robin", "Gauthier", "Perrin"},
        {"Rossi", "Bianchi", "Ferrari", "Esposito", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
            "Costa", "Mancini", "Lombardi", "Barbieri"},
        {"Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Álvarez", "Romero", "Navarro",
            "Torres", "Domínguez", "Vázquez", "Ramos"},
        {"de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot"},
        {"Lindqvist", "Johansson", "Nyström", "Bergström", "Lundgren", "Sandberg", "Holm", "Eklund", "Dahl", "Strand"},
        {"Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski"}};
    private static final String[][] EU_TRADES = {
        {"Maschinenbau", "Elektrotechnik", "Logistik", "Bauunternehmung", "Feinmechanik", "Holzbau", "Druckerei",
            "Steuerberatung", "Kunststofftechnik", "Metallbau"},
        {"Conseil", "Transports", "Bâtiment", "Menuiserie", "Informatique", "Distribution", "Boulangerie", "Ingénierie"},
        {"Costruzioni", "Meccanica", "Trasporti", "Impianti", "Arredamenti", "Tessile", "Alimentari", "Consulenze"},
        {"Construcciones", "Logística", "Asesores", "Transportes", "Instalaciones", "Distribuciones", "Ingeniería"},
        {"Installatietechniek", "Bouwbedrijf", "Transport", "Adviesgroep", "Techniek", "Handelsonderneming"},
        {"Konsult", "Bygg", "Teknik", "Transport", "Fastigheter", "Elektro", "Maskin"},
        {"Budownictwo", "Transport", "Usługi", "Instalacje", "Handel", "Doradztwo"}};
    private static final String[][] EU_FORMS = {
        {"GmbH", "GmbH & Co. KG", "AG", "KG", "e.K."}, {"SARL", "SAS", "S.A.", "EURL"}, {"S.r.l.", "S.p.A.", "S.n.c."},
        {"S.L.", "S.A.", "S.L.U."}, {"B.V.", "N.V.", "V.O.F."}, {"AB", "AS", "Oy", "ApS"}, {"Sp. z o.o.", "S.A.", "Sp.j."}};
    private static final String[] EU_COUNTRIES = {"DE", "FR", "IT", "ES", "NL", "SE", "PL"};

    private static final String[] US_FIRST = {"Blue Ridge", "Silver Creek", "Lakeside", "Summit", "Pioneer", "Redwood",
        "Harbor", "Granite", "Cedar", "Maple", "Iron Horse", "Evergreen", "Northwind", "Prairie", "Keystone", "Liberty",
        "Cascade", "Riverbend", "Bluewater", "Highland", "Oakmont", "Sunrise", "Bright Path", "Clearview", "Stonebridge"};
    private static final String[] US_SURNAMES = {"Parker", "Mitchell", "Sullivan", "Bennett", "Hughes", "Coleman",
        "Foster", "Griffin", "Hayes", "Jenkins", "Porter", "Reynolds", "Russell", "Simmons", "Wallace", "Warren",
        "Brooks", "Carter", "Dawson", "Fletcher", "Harper", "Holland", "Lawson", "Morgan", "Palmer"};
    private static final String[] US_TRADES = {"Analytics", "Plumbing", "Dental Group", "Software", "Roofing", "Capital",
        "Consulting", "Logistics", "Landscaping", "Insurance Agency", "Marketing", "Construction", "Health Partners",
        "Labs", "Engineering", "Realty", "Auto Repair", "Electric", "Data Systems", "Cloud Services", "Brewing Company",
        "Veterinary Clinic", "Design Studio", "Outfitters", "Foods"};
    private static final String[] US_FORMS = {"Inc.", "LLC", "Corp.", "Co.", "L.L.C.", "Incorporated", "Ltd.", "LP"};

    static List<Clean> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Clean> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            switch (i % 3) {
                case 0 -> out.add(chinese(random));
                case 1 -> out.add(european(random));
                default -> out.add(american(random));
            }
        }
        return out;
    }

    private static Clean chinese(Random r) {
        if (r.nextInt(4) == 0) {
            return new Clean(pick(r, CN_CITIES_HAN) + pick(r, CN_BRAND_HAN) + pick(r, CN_TRADE_HAN) + pick(r, CN_FORM_HAN), "CN");
        }
        String city = r.nextBoolean() ? pick(r, CN_CITIES) + " " : "";
        return new Clean(city + pick(r, CN_BRAND) + " " + pick(r, CN_TRADE) + " " + pick(r, CN_FORM), r.nextInt(5) == 0 ? "HK" : "CN");
    }

    private static Clean european(Random r) {
        int lang = r.nextInt(EU_SURNAMES.length);
        String name = pick(r, EU_SURNAMES[lang]);
        if (r.nextInt(3) == 0) {
            name = name + (r.nextBoolean() ? " & " : " ") + pick(r, EU_SURNAMES[lang]);
        }
        return new Clean(name + " " + pick(r, EU_TRADES[lang]) + " " + pick(r, EU_FORMS[lang]), EU_COUNTRIES[lang]);
    }

    private static Clean american(Random r) {
        String head = r.nextBoolean() ? pick(r, US_FIRST) : pick(r, US_SURNAMES) + (r.nextBoolean() ? " & " + pick(r, US_SURNAMES) : "");
        return new Clean(head + " " + pick(r, US_TRADES) + " " + pick(r, US_FORMS), "US");
    }

    private static String pick(Random r, String[] words) {
        return words[r.nextInt(words.length)];
    }
}
