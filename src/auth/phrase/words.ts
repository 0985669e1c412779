/**
 * The Malay word lists of the secret-phrase generator (generator.ts): a phrase is one word of each
 * list, in order, e.g. "Perahu Tenang Muara". Each word is a single token (no spaces), capitalised,
 * and unique within its list. Changing a list changes which phrases the generator can make:
 * existing real phrases keep working (they are stored text), decoys of unknown IDs change.
 */
const words = (s: string): readonly string[] => Object.freeze(s.split(/\s+/).filter(Boolean));

/** Things: nature, animals, plants, objects of daily and kampung life. */
export const NOUNS = words(`
  Angin Awan Bintang Bulan Matahari Pelangi Embun Hujan Ribut Kabus Salji Petir Guruh Ombak Arus
  Gelombang Batu Pasir Tanah Lumpur Kerikil Karang Mutiara Kristal Permata Emas Perak Tembaga Besi
  Intan Delima Zamrud Nilam Kaca Cermin Lilin Pelita Lampu Tanglung Obor Api Asap Bara Kayu Buluh
  Rotan Daun Dahan Ranting Akar Batang Bunga Kuntum Kelopak Benih Buah Biji Rumput Lumut Paku Pokok
  Beringin Meranti Cengal Jati Kelapa Pinang Nipah Rumbia Sagu Mengkuang Pandan Serai Kunyit Halia
  Lengkuas Kantan Cili Lada Kayu-Manis Cengkih Pala Kopi Teh Koko Tebu Padi Jagung Ubi Keledek Keladi
  Pisang Durian Rambutan Manggis Langsat Duku Cempedak Nangka Betik Jambu Mangga Nanas Belimbing
  Limau Kedondong Ciku Salak Mata-Kucing Kundang Rambai Kuini Bacang Sukun Mawar Melur Melati Cempaka
  Kenanga Tanjung Teratai Seroja Kemboja Orkid Raya Kekwa Anggerik Dahlia Lavender Tulip Matahari-Kecil
  Harimau Gajah Badak Tapir Rusa Kijang Pelanduk Kancil Beruang Musang Tupai Monyet Lotong Orang-Utan
  Kucing Arnab Kambing Lembu Kerbau Kuda Unta Biri-Biri Ayam Itik Angsa Merpati Burung Helang Rajawali
  Enggang Kenyalang Merbuk Tekukur Murai Kakak-Tua Bangau Pipit Belatuk Layang-Layang Camar Undan
  Ikan Jerung Paus Lumba-Lumba Penyu Ketam Udang Sotong Kerang Siput Tiram Belut Haruan Kelah Tapah
  Kelisa Keli Patin Tenggiri Bawal Kembung Selar Rama-Rama Kupu-Kupu Lebah Semut Kumbang Pepatung
  Cengkerik Belalang Kunang-Kunang Katak Cicak Biawak Kura-Kura Buaya Ular Tenggiling Landak Kelawar
  Perahu Sampan Kapal Bahtera Rakit Layar Dayung Sauh Jala Pukat Bubu Joran Kail Rumah Pondok Teratak
  Istana Menara Jambatan Tangga Pintu Jendela Tingkap Bumbung Tiang Dinding Lantai Serambi Anjung
  Halaman Pagar Perigi Telaga Kolam Parit Terusan Empangan Kincir Pedati Basikal Kereta Bas Keretapi
  Kapal-Terbang Belon Wau Gasing Congkak Sepak-Raga Gendang Kompang Rebana Seruling Gambus Biola
  Gitar Piano Loceng Genta Gong Caping Tudung Songkok Tengkolok Sampin Songket Batik Kain Benang
  Jarum Gunting Bakul Tikar Bantal Selimut Kelambu Buaian Tempayan Labu Periuk Kuali Senduk Cawan
  Piring Mangkuk Sudu Garpu Pisau Parang Kapak Cangkul Tajak Sabit Pahat Tukul Gergaji Tali Rantai
  Cincin Gelang Rantai-Leher Kerongsang Subang Kipas Payung Tongkat Buku Pena Pensel Kertas Surat
  Peta Kompas Jam Kalendar Kamera Radio Teropong Bola Layang Kapur Dakwat Lukisan Ukiran Tembikar
  Anyaman Sulaman Tenunan Kuih Dodol Wajik Lemang Ketupat Rendang Satay Roti Nasi Bubur Sambal
`);

/** Qualities: colours, sizes, moods, weather, textures. */
export const ADJECTIVES = words(`
  Merah Biru Hijau Kuning Putih Hitam Ungu Jingga Kelabu Coklat Perang Nila Merah-Jambu Keemasan
  Keperakan Cerah Gelap Terang Malap Berkilau Bersinar Bercahaya Redup Pudar Pekat Jernih Keruh
  Besar Kecil Tinggi Rendah Panjang Pendek Lebar Sempit Tebal Nipis Bulat Leper Bujur Lurus Bengkok
  Berat Ringan Laju Perlahan Pantas Lambat Tenang Damai Riang Gembira Ceria Sayu Rindu Syahdu Megah
  Gagah Perkasa Teguh Kukuh Tabah Berani Setia Jujur Ikhlas Sabar Bijak Pandai Cekap Rajin Tekun
  Lembut Halus Kasar Licin Lembap Kering Basah Sejuk Dingin Hangat Panas Segar Layu Harum Wangi
  Manis Masam Masin Pedas Pahit Lemak Rangup Lazat Sedap Enak Indah Cantik Comel Molek Ayu Anggun
  Jelita Permai Elok Seri Mulia Agung Luhur Murni Suci Bersih Kemas Rapi Baharu Lama Purba Antik
  Klasik Moden Unik Ajaib Sakti Misteri Rahsia Sunyi Sepi Riuh Bising Hening Nyaman Selesa Mewah
  Sederhana Mesra Ramah Sopan Santun Manja Nakal Lincah Cergas Aktif Ligat Tangkas Sigap Gesit
  Lena Nyenyak Jaga Celik Terjaga Ranum Masak Muda Tua Awal Akhir Jauh Dekat Tersembunyi Terapung
  Melayang Terbang Berlari Menari Menyanyi Berbisik Tersenyum Berlabuh Berkembang Mekar Kembang
  Menguning Menghijau Membiru Berombak Berangin Berawan Berkabus Berembun Bermandi Berkilat
  Bergemerlapan Berseri Berwarna Berbunga Berbuah Berdaun Berakar Bersayap Bersisik Berbulu Berekor
`);

/** Settings: places of the land and the coast, and times of the day and the year. */
export const SETTINGS = words(`
  Pagi Subuh Fajar Dinihari Tengahari Petang Senja Maghrib Malam Tengah-Malam Siang Awal-Pagi
  Musim-Hujan Musim-Buah Musim-Panas Musim-Tengkujuh Kemarau Purnama Gerhana Hari-Raya Pesta Kenduri
  Gunung Bukit Lembah Gaung Tebing Cenuram Gua Dataran Tanah-Tinggi Hutan Rimba Belukar Paya Bakau
  Sungai Anak-Sungai Kuala Muara Hulu Hilir Tasik Danau Lopak Air-Terjun Jeram Lubuk Pantai Pesisir
  Tanjung Teluk Selat Pulau Gugusan Laut Samudera Lautan Lagun Beting Terumbu Pelabuhan Jeti
  Dermaga Kampung Desa Dusun Pekan Bandar Kota Negeri Daerah Mukim Taman Kebun Ladang Sawah Bendang
  Huma Dangau Padang Lapangan Dataran-Tinggi Pergunungan Kaki-Bukit Puncak Lereng Permatang Bendungan
  Tali-Air Jalan Lorong Simpang Persimpangan Jambatan-Lama Pasar Pasar-Malam Gerai Warung Kedai
  Sekolah Masjid Surau Balai Dewan Perpustakaan Muzium Galeri Stesen Terminal Lapangan-Terbang
  Menara-Jam Kota-Lama Istana-Lama Benteng Kubu Rumah-Api Kampung-Air Rumah-Panjang Halaman-Rumah
  Beranda Anjung-Rumah Dapur Bilik Loteng Ruang-Tamu Tepi-Laut Tepi-Sungai Tepi-Tasik Tepi-Hutan
  Hujung-Kampung Pinggir-Kota Tengah-Kota Kaki-Langit Angkasa Awan-Biru Langit-Senja Bawah-Laut
  Atas-Bukit Dalam-Hutan Seberang Rantau Perantauan Pedalaman Pergunungan-Biru Lembah-Hijau
  Selangor Klang Kuala-Selangor Sabak-Bernam Hulu-Selangor Hulu-Langat Gombak Petaling Sepang
  Kuala-Langat Morib Sekinchan Tanjung-Karang Kuang Rawang Semenyih Kajang Bangi Dengkil Banting
  Jugra Carey Ketam Indah Pangkor Langkawi Tioman Redang Perhentian Kapas Pinang Melaka Johor Pahang
  Perak Kedah Perlis Kelantan Terengganu Sabah Sarawak Labuan Putrajaya Cameron Fraser Genting
  Bentong Raub Kuantan Pekan-Lama Temerloh Ipoh Taiping Lumut Kuching Sibu Miri Kota-Kinabalu Sandakan
  Tawau Kinabalu Mulu Niah Bako Endau Rompin Belum Taman-Negara Tasik-Chini Tasik-Kenyir Bukit-Larut
`);
