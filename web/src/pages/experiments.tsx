export default function Page() {
  return <h1>experiments</h1>;
}
