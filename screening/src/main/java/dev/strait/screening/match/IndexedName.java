package dev.strait.screening.match;

/**
 * One spelling of one entry as the index holds it.
 *
 * @param entry index of the entry in {@link NameIndex#entries()}
 * @param text the name or alias as the list writes it
 * @param kind "name" for the listed name, else the alias kind
 * @param weights each token's weight (inverse name frequency; generic words weigh little)
 */
public record IndexedName(int entry, String text, String kind, NameForm form, double[] weights, double totalWeight,
        double distinctiveWeight) {

    public String[] tokens() {
        return form.tokens().toArray(String[]::new);
    }
}
