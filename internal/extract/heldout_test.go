package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// Held-out sentences: labelled from the seeds before the extractors were
// run on them, and not used to tune them. Their scores are logged apart
// from the tuned tables, as the fairer estimate of how the extractors do on
// new sources. Names are judged against the dossier's real actor list.

var heldOutDates = []dateCase{
	{"Historically, Pakistan was long perceived as the primary patron of the Afghan Taliban. Many in Pakistan publicly welcomed the Taliban’s return to power in August 2021 after the withdrawal of US forces.", "", []string{"August 2021=2021-08"}},
	{"In recent days, several attacks have killed more than two dozen Pakistani soldiers, including officers.", "", nil},
	{"Both sides claim to have inflicted heavy casualties during the clashes, the worst fighting since the Taliban returned to power in 2021.", "", []string{"2021=2021"}},
	{"Taliban leaders in Afghanistan insist that the TTP is a domestic challenge for Pakistan to address. In 2022, shortly after forming an interim administration, the Taliban government mediated talks between TTP leaders and the Pakistani army in Kabul.", "", []string{"2022=2022"}},
	{"Yet in February this year, a month after taking the oath for his second term, Trump insisted: “We were going to keep Bagram. We were going to keep a small force on Bagram.”", "", []string{"February=?", "this year=?"}},
	{"Trump has referred to China as a key reason for wanting to retake control of Bagram, saying last month in London that the base is “an hour away from where [China] makes its nuclear weapons”.", "", []string{"last month=?"}},
	{"Pakistan carried out air strikes on Afghanistan’s major cities overnight, officials in Islamabad and Kabul said on Friday, escalating months of border clashes between the Islamic neighbors.", "", []string{"on Friday=?"}},
	{"Earlier, border clashes between the two countries killed dozens of soldiers in October until negotiations facilitated by Turkiye, Qatar and Saudi Arabia ceased the hostilities and a fragile ceasefire was put in place.", "", []string{"October=?"}},
	{"Pakistan welcomed the return to power of the Taliban in 2021, with then-Prime Minister Imran Khan saying that Afghans had “broken the shackles of slavery.”", "", []string{"2021=2021"}},
	{"The last major targeted strike in Kabul took place in 2022, when al-Qaeda leader Ayman al-Zawahiri was killed in a US drone attack.", "", []string{"2022=2022"}},
	{"Islamabad, Pakistan – Seated next to British Prime Minister Keir Starmer during a visit to the United Kingdom in September, United States President Donald Trump made clear he was eyeing a plot of land his country’s military once controlled nearly 8,000km (4,970 miles) away: Bagram airbase in Afghanistan.", "", []string{"September=?"}},
	{"“They called unacceptable the attempts by countries to deploy their military infrastructure in Afghanistan and neighbouring states, since this does not serve the interests of regional peace and stability,” said the joint statement (PDF) published by the Russian Ministry of Foreign Affairs on October 7 at the conclusion of the seventh edition of what are known as the Moscow Format Consultations between Afghanistan’s neighbours.", "", []string{"October 7=?"}},
	{"The groundwork for the Afghan Taliban’s return to power was laid in Doha in January 2020, under Trump’s first administration; they ultimately took over the country in August 2021, during the tenure of the administration of former President Joe Biden.", "", []string{"January 2020=2020-01", "August 2021=2021-08"}},
	{"According to AP, Afghans have needs that cannot be fulfilled through the edicts and ideology of the Taliban. Kandahar-based Hibatullah Akhundzada has led the Taliban from insurgency to authority since his appointment in 2016.", "", []string{"2016=2016"}},
}

var heldOutFigures = []figureCase{
	{"In recent days, several attacks have killed more than two dozen Pakistani soldiers, including officers.", []string{"two dozen|Pakistani soldiers|more than|"}},
	{"“With the latest situation, our family elders have sat together to discuss options. We thought about sending some of our young men to Afghanistan to look for houses and means to do business, but the problem is, we have no connections there at all,” he said.", nil},
	{"Both sides claim to have inflicted heavy casualties during the clashes, the worst fighting since the Taliban returned to power in 2021.", nil},
	{"Though a close partner of the US, India’s ties with Washington have frayed during Trump’s second term, with the American president imposing 50 percent tariffs on imports from India.", []string{"50|percent||"}},
	{"Yet in February this year, a month after taking the oath for his second term, Trump insisted: “We were going to keep Bagram. We were going to keep a small force on Bagram.”", nil},
	{"Islamabad, Pakistan – Seated next to British Prime Minister Keir Starmer during a visit to the United Kingdom in September, United States President Donald Trump made clear he was eyeing a plot of land his country’s military once controlled nearly 8,000km (4,970 miles) away: Bagram airbase in Afghanistan.", []string{"8,000|km|nearly|", "4,970|miles||"}},
	{"Bagram, 44km (27 miles) north of Kabul, was originally built by the Soviet Union in the 1950s. The base has two concrete runways – one 3.6km long (2.2 miles), the other 3km (1.9 miles) – and is one of the few places in Afghanistan suitable for landing large military planes and weapons carriers.",
		[]string{"44|km||", "27|miles||", "two|concrete runways||", "3.6|km||", "2.2|miles||", "3|km||", "1.9|miles||"}},
	{"That scarcity is why Bagram retains its strategic significance, four years after the US withdrew from the country.", nil},
	{"The four Central Asian countries that were part of the Moscow Format – Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan – together with Turkmenistan and Afghanistan, form a bloc of six landlocked nations.", []string{"six|landlocked nations||"}},
	{"In 2022, the US took out Al Qaeda chief Ayman al-Zawahiri in Kabul.", nil},
	{"Earlier, border clashes between the two countries killed dozens of soldiers in October.", nil},
}

var heldOutNames = []nameCase{
	{"Syed added that their historical grievances and Pakistan’s past interventions in Afghanistan make concessions politically risky for the Afghan Taliban.", nil},
	{"Historically, Pakistan was long perceived as the primary patron of the Afghan Taliban. Many in Pakistan publicly welcomed the Taliban’s return to power in August 2021 after the withdrawal of US forces.", nil},
	{"Journalist Sami Yousafzai, a longtime observer of Pakistan-Afghanistan relations, agreed, saying that the prospects of a détente now look increasingly remote.", nil},
	{"But Meer fears that Afghan refugees in Pakistan will be distrusted back in Afghanistan, too, given the climate of animosity between the neighbours.", nil},
	{"Khyber Pakhtunkhwa and Balochistan, which border Afghanistan, have borne the brunt of the violence.", []string{"Khyber Pakhtunkhwa"}},
	{"The Pakistani security establishment, comprised of the army and the country’s powerful military intelligence agency, the Inter-Services Intelligence (ISI), is responsible for devising and driving the nation’s Afghan policy.", nil},
	{"Pakistani officials and state-run radio noted that those locations included Angoor Adda, Bajaur, Kurram, Dir and Chitral – all in Khyber Pakhtunkhwa province – and Bahram Chah in Balochistan.", []string{"Angoor Adda", "Khyber Pakhtunkhwa", "Bahram Chah"}},
	{"While neither the Taliban nor the TTP has commented on Mehsud and whether he is safe, Mujahid’s comments suggest that no one was killed in the explosions.", nil},
	{"Though a close partner of the US, India’s ties with Washington have frayed during Trump’s second term, with the American president imposing 50 percent tariffs on imports from India, in part because of New Delhi’s continued purchase of oil from Russia.", []string{"New Delhi"}},
	{"International sanctions have further weakened an already fragile economy, while the presence of multiple armed groups – including Tehreek-e-Taliban Pakistan (TTP), the Balochistan Liberation Army (BLA) and Islamic State Khorasan Province (ISKP) – continues to alarm neighbouring states.", nil},
	{"Earlier, border clashes between the two countries killed dozens of soldiers in October until negotiations facilitated by Turkiye, Qatar and Saudi Arabia ceased the hostilities and a fragile ceasefire was put in place.", nil},
	{"Pakistan welcomed the return to power of the Taliban in 2021, with then-Prime Minister Imran Khan saying that Afghans had “broken the shackles of slavery.”", nil},
	{"Islamabad, Pakistan – Seated next to British Prime Minister Keir Starmer during a visit to the United Kingdom in September, United States President Donald Trump made clear he was eyeing a plot of land his country’s military once controlled nearly 8,000km (4,970 miles) away: Bagram airbase in Afghanistan.", []string{"Keir Starmer", "United Kingdom"}},
	{"“They called unacceptable the attempts by countries to deploy their military infrastructure in Afghanistan and neighbouring states,” said the joint statement (PDF) published by the Russian Ministry of Foreign Affairs on October 7 at the conclusion of the seventh edition of what are known as the Moscow Format Consultations between Afghanistan’s neighbours.", []string{"Russian Ministry of Foreign Affairs"}},
	{"In 2022, the US took out Al Qaeda chief Ayman al-Zawahiri in Kabul.", nil},
	{"According to AP, Afghans have needs that cannot be fulfilled through the edicts and ideology of the Taliban. Kandahar-based Hibatullah Akhundzada has led the Taliban from insurgency to authority since his appointment in 2016.", nil},
}

var heldOutQuotes = []quoteCase{
	{"“With the latest situation, our family elders have sat together to discuss options. We thought about sending some of our young men to Afghanistan,” he said.", []string{"With the latest situation,|"}},
	{"Zabihullah Mujahid, the Taliban spokesperson, said that under the terms of the agreement, “both sides reaffirm their commitment to peace, mutual respect, and the maintenance of strong and constructive neighbourly relations.", []string{"both sides reaffirm their|Zabihullah Mujahid"}},
	{"Yet in February this year, a month after taking the oath for his second term, Trump insisted: “We were going to keep Bagram. We were going to keep a small force on Bagram.”", []string{"We were going to|Trump"}},
	{"Trump has referred to China as a key reason for wanting to retake control of Bagram, saying last month in London that the base is “an hour away from where [China] makes its nuclear weapons”.", []string{"an hour away from|Trump"}},
	{"Pakistan welcomed the return to power of the Taliban in 2021, with then-Prime Minister Imran Khan saying that Afghans had “broken the shackles of slavery.”", []string{"broken the shackles of|Imran Khan"}},
	{"“They called unacceptable the attempts by countries to deploy their military infrastructure in Afghanistan and neighbouring states,” said the joint statement (PDF) published by the Russian Ministry of Foreign Affairs.", []string{"They called unacceptable the|the joint statement"}},
}

// dossierActors reads the names and aliases of the dossier's actors.
func dossierActors(t *testing.T) *Matcher {
	t.Helper()
	files, err := filepath.Glob("../../content/actors/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, files, "the dossier's actors")
	var names []Name
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		parts := bytes.SplitN(b, []byte("\n---\n"), 2)
		var fm struct {
			Name    string   `yaml:"name"`
			Aliases []string `yaml:"aliases"`
		}
		require.NoError(t, yaml.Unmarshal(bytes.TrimPrefix(parts[0], []byte("---\n")), &fm), f)
		key := filepath.Base(f)
		for _, n := range append([]string{fm.Name}, fm.Aliases...) {
			names = append(names, Name{Text: n, Key: key})
		}
	}
	return NewMatcher(names)
}

func TestHeldOut(t *testing.T) {
	var dates, figures, names, quotes score
	for _, c := range heldOutDates {
		dates.add(dateLabels(t, c), c.want)
	}
	for _, c := range heldOutFigures {
		figures.add(figureLabels(c), c.want)
	}
	known := dossierActors(t)
	for _, c := range heldOutNames {
		names.add(nameLabels(c, known), c.want)
	}
	for _, c := range heldOutQuotes {
		quotes.add(quoteLabels(c), c.want)
	}
	t.Logf("held out dates:   %s", dates)
	t.Logf("held out figures: %s (number, unit, qualifier and speaker all right)", figures)
	t.Logf("held out names:   %s", names)
	t.Logf("held out quotes:  %s", quotes)
}
