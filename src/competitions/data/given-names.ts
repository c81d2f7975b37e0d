/**
 * Given names for the identifier scanner (identifier-scanner.ts).
 *
 * Source: drawn from the Office for National Statistics (ONS) "Baby names in
 * England and Wales" releases (the top 100 boys' and girls' names, 1996 to
 * 2023), plus common given names of the parents' generation (ONS top names of
 * the 1970s and 1980s), because birth parents and relatives are named in case
 * notes too. It is a hand-written subset of a few hundred names, written
 * without network access from those published lists, not a copy of the data
 * set: a name missing here is still caught by the scanner's context patterns
 * ("her name is …", "birth mother …", "Mr …").
 *
 * The names are split by how safe they are to match:
 * - GIVEN_NAMES are not ordinary English words, so they are matched in any
 *   case ("jamie", "JAMIE"). A few are rare words (jack, harry, josh, tony),
 *   kept because they almost never appear as words in a needs profile.
 * - WORD_NAMES are also ordinary words, colours, places or things (Grace,
 *   Ruby, Poppy, Holly, Max, Teddy). They are matched only when capitalised
 *   mid-sentence, or at the start of a sentence when a verb or possessive
 *   shows they are a person ("Grace is …", "Poppy's …").
 * - MID_SENTENCE_NAMES are abstract nouns (Hope, Faith, Joy, Will): matched
 *   only when capitalised mid-sentence, because "Hope is that therapy …" is
 *   common at the start of a sentence.
 *
 * Dropped altogether, because in needs profiles they are nearly always the
 * word: months and seasons (April, May, June, August, Summer, Autumn), Amber
 * (the RAG rating), Bill (a parliamentary bill), Mark, Rich, Guy, Ray, Drew,
 * Miles, Chase, Grant, River, Storm, Star, Roman, Christian, Devon, India,
 * Paris, Kent.
 */
export const GIVEN_NAMES = `
aarav aaron abbie abby abigail ada adam ahmed aidan aisha alan albert albie alesha alex alexander alfie alice
alisha alison amanda amelia amira amy andrea andrew angela anna annabelle anthony archie aria arjun arlo
arthur ashley ashton aurora ava ayaan ayden ayla bailey barry beatrice becky bella ben benjamin bethany
beverley bilal billy bobby bradley brandon brody caitlin caleb callum cameron carl caroline catherine cerys
chantelle charlene charles charlie charlotte chloe christine christopher claire clare clive cody colin connor
corey courtney craig dafydd dan daniel danielle darcey darcie darcy darren darryl david deborah declan demi
denise dennis derek dexter diane dominic donna dwayne dylan edith edward elaine eleanor elena elijah elise
eliza elizabeth ella ellen ellie elliot elliott ellis eloise elsie emilia emily emma erin esme esmee ethan
eva evan evelyn evie ewan ezra fatima felix ffion finley finn fiona frankie fraser freddie frederick freya
freyja gabriel gareth gary gavin gemma george georgie gillian gracie graham hafsa hamish hamza hannah harley
harper harriet harrison harry harvey hassan hayley heidi helen henry hollie hugo ian ibrahim idris imani
imogen isaac isabel isabella isabelle isla iwan jack jacob jacqueline jake jamal james jamie jane janet
jasmin jason jasper jaxon jayden jean jennifer jenny jenson jeremy jermaine jess jesse jessica jill joanna
joanne jodie joe john jolene jonah jonathan jordan joseph josh joshua jude judith julia julie kacey kacper
kaden kai karen kate katherine kathleen kathryn katie kayden kayla kayleigh keira keith kelly kelvin kerrie
kerry kevin kian kiera kieran kimberley kirsty kyle kylie lacey lara laura lauren layla leah leanne leigh
leila lennon lennox leo leon lesley levi lewis lexi liam lilah liliana lillie lilly linda lisa lloyd logan
lola lorraine lottie louie louis louise luca lucas lucia lucy luke luna lydia lyla lynn lynne mabel mackenzie
maddison madeleine madeline madison maisie malcolm marc marcia marcus margaret maria mariam marie marley
martha martin mary maryam mateo matilda matthew maureen maya megan melanie mia michael michelle mila millie
mohammad mohammed mollie molly morgan muhammad musa mya nadia nancy naomi natalie natasha nathan nathaniel
neil neve nia niall niamh nichola nicholas nico nicola nigel nina noah noor oakley oliver olivia ollie omar
ophelia orla oscar otis otto owen paige pamela patricia patrick paul pauline penelope peter philip phoebe
piotr poppie quinn rachael rachel rafael ralph rebecca reece reggie reuben rhianna rhys richard ricky rihanna
riley riya robbie robert robyn rohan ronan ronnie rory rosie ross rowan roy ruairi ruben russell ruth ryan
sadie safa sally sam samantha samuel sandra sara sarah scarlett scott sean sebastian serena seth shane
shannon sharon shaun shauna sheila shelby shelley shirley sienna simon sion skye sofia sofie sonny sophia
sophie spencer stacey stanley stephanie stephen steven stuart susan suzanne tamara tanya tariq taylor ted
tegan terri terry thea theo theresa thomas tia tilly timothy tina tobias toby tom tommy toni tony tracey
tracy trevor tristan tyler tyson una valentina valerie vicky vincent warren wayne wendy william yahya yasmin
yusuf yvonne zac zachary zack zain zainab zara zoe zoey zuzanna`;

export const WORD_NAMES = `
grace ruby poppy lily daisy holly ivy jasmine willow violet hazel rose jade pearl crystal melody iris honey angel robin eve
hunter mason carter cooper parker georgia florence victoria chelsea sydney austin max teddy carol dean heather olive lee
`;

export const MID_SENTENCE_NAMES = `
hope faith joy will mark frank dawn destiny harmony patience sunny jay sky
`;
